import ArgumentParser

/// `leadtrac bench …`: benchmarks that print figures (docs/performance.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure LeadTrac on this machine.", subcommands: [HopBenchCommand.self])
}
