import ArgumentParser
import Foundation

/// `leadtrac bench ingest`: feed rate through the real broker, ingest handler and database.
struct IngestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Feed rate: synthetic upstream leads → ingest → lead.received.v1.")

    @Option(help: "How many leads.") var leads = 20_000
    @Option(help: "Consumer batch size.") var batch = 100
    @Option(help: "Seed of the synthetic data.") var seed: UInt64 = 11

    func run() throws {
        let result = try IngestBenchmark().feed(leads: leads, batchSize: batch, seed: seed)
        print(String(format: "feed: %d leads in %.1f s = %.0f leads/s (batch %d)", leads, result.seconds, result.rate, batch))
    }
}
