import ArgumentParser

/// `leadtrac bench …`: benchmarks that print figures (docs/performance.md).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure LeadTrac on this machine.",
        subcommands: [
            HopBenchCommand.self, IngestBenchCommand.self, AuditBenchCommand.self, RescoreBenchCommand.self,
            MatchBenchCommand.self,
        ])
}
