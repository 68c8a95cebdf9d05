import ArgumentParser
import Foundation

/// `leadtrac bench ingest`: feed rate through the real broker, ingest handler and database.
struct IngestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Feed rate (upstream leads → ingest → lead.received.v1) and batch import of generated rows.")

    @Option(help: "How many leads.") var leads = 20_000
    @Option(help: "Consumer batch size.") var batch = 100
    @Option(help: "Seed of the synthetic data.") var seed: UInt64 = 11
    @Option(name: .customLong("import-rows"), help: "Rows for the batch-import measurement (0 skips it).")
    var importRows = 1_000_000

    func run() throws {
        let result = try IngestBenchmark().feed(leads: leads, batchSize: batch, seed: seed)
        print(String(format: "feed: %d leads in %.1f s = %.0f leads/s (batch %d)", leads, result.seconds, result.rate, batch))
        if importRows > 0 {
            let imported = try IngestBenchmark().importFile(rows: importRows, seed: seed)
            print(String(
                format: "import: %d rows in %.1f s = %.0f rows/s, peak memory %.0f MB (%@)", importRows, imported.seconds,
                imported.rate, imported.peakMemoryMB, imported.counts))
        }
    }
}
