import ArgumentParser

@main
struct Stepgrad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepgrad",
        abstract: "A terminal notebook for the arithmetic of neural networks.",
        subcommands: [Repl.self],
        defaultSubcommand: Repl.self
    )
}
