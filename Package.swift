// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "stepgrad",
    products: [
        .executable(name: "stepgrad", targets: ["stepgrad"]),
        .executable(name: "stepgrad-bench", targets: ["stepgrad-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The live view's sockets (its FlyingSocks library only: FlyingFox's HTTP layer links
        // FoundationNetworking and libcurl, which would triple the REPL's start-up). No SwiftNIO,
        // so CI builds it in seconds.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // The engine: scalar and tensor nodes, ops with their backward rules, expansion, gradcheck.
        .target(name: "Autograd"),
        // The lesson language: lexer, parser, interpreter, built-ins, lesson files.
        .target(name: "StepLang", dependencies: ["Autograd"]),
        // How values look: matrices, heatmaps, graphs, transcripts.
        .target(name: "Display", dependencies: ["Autograd", "StepLang", "CNumberFormat", "HTMLText"]),
        // HTML escaping, shared by the transcripts and the live view.
        .target(name: "HTMLText"),
        // The player: a lesson or scratch session played step by step, its colon commands,
        // completion and session files. run, test, the REPL and the exports are its clients.
        .target(name: "Notebook", dependencies: ["Autograd", "StepLang", "Display"]),
        // printf's digits for one number, callable from Swift without varargs.
        .target(name: "CNumberFormat"),
        // The live browser view: a read-only local web server that pushes each step to the page.
        .target(name: "LiveView", dependencies: ["HTMLText", .product(name: "FlyingSocks", package: "FlyingFox")]),
        // libedit, found through pkg-config (Debian: libedit-dev).
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .executableTarget(
            name: "stepgrad",
            dependencies: [
                "Autograd", "StepLang", "Display", "Notebook", "LiveView", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "stepgrad-bench",
            dependencies: ["Autograd", "Notebook", "StepLang", "Display", "LiveView", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd"]),
        .testTarget(name: "StepLangTests", dependencies: ["StepLang", "Autograd"]),
        .testTarget(name: "DisplayTests", dependencies: ["Display", "StepLang", "Autograd"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Display", "StepLang", "Autograd"]),
        .testTarget(name: "LiveViewTests", dependencies: ["LiveView"]),
        // Drives the built binary; depending on it makes `swift test` build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["stepgrad", "LiveView"]),
    ]
)
