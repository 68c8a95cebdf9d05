import ArgumentParser

/// `leadtrac`: the operator CLI.
public struct LeadTracCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "leadtrac",
        abstract: "Operate LeadTrac: migrations, dead letters, topology, benchmarks, demo input.",
        subcommands: [
            DLQCommand.self, BenchCommand.self, DemoCommand.self, TopologyCommand.self, MigrateCommand.self,
            GenerateCommand.self, ImportCommand.self, IngestCommand.self, ExportCommand.self, TokenCommand.self,
            AuditCommand.self, StatsCommand.self, RulesCommand.self,
        ])

    public init() {}
}

extension LeadTracCommand {
    /// Parses the arguments and runs the command (the async entry point: some commands await).
    public static func runFromCommandLine() async {
        await main(nil)
    }
}
