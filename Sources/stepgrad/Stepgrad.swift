import ArgumentParser

@main
struct Stepgrad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepgrad",
        abstract: "A terminal notebook for the arithmetic of neural networks.",
        subcommands: [Repl.self, Serve.self, Run.self, Test.self, List.self],
        defaultSubcommand: Repl.self
    )
}
