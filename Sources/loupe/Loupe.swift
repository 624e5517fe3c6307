import ArgumentParser

/// `loupe`: the REPL when given a file or nothing, and one-shot subcommands.
@main
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "A REPL and debugger for WebAssembly components.",
        subcommands: [REPLCommand.self, RunCommand.self, InvokeCommand.self, PlanCommand.self, WitCommand.self, WastCommand.self,
                      ValidateCommand.self, CodeCommand.self, MeasureCommand.self],
        defaultSubcommand: REPLCommand.self
    )
}
