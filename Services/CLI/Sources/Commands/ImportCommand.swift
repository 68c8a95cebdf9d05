import ArgumentParser
import Foundation
import IngestCore
import LeadTracMessaging
import LeadTracRuntime

/// `leadtrac import FILE --mapping M.yaml --source NAME`: a batch extract into the pipeline.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV or JSON Lines extract: validate, report every row, publish accepted rows to ingest.",
        discussion: """
            Writes a per-row report to FILE.report.jsonl (accepted / rejected with reason codes / duplicate).
            Interrupted? Run the same command again: it resumes from FILE.import-state.json without
            duplicating leads.
            """)

    @Argument(help: "The extract (CSV or JSON Lines, as the mapping says).") var file: String
    @Option(help: "The YAML column mapping.") var mapping: String
    @Option(help: "The source's name (provenance: import/NAME); with each row's record id it identifies a lead.")
    var source: String
    @Option(name: .customLong("amqp-url"), help: "Broker URL (default: $LEADTRAC_AMQP_URL or the local broker).")
    var amqpURL: String?
    @Flag(help: "No progress line on standard error.") var quiet = false
    @Option(help: ArgumentHelp("Publish straight to this queue instead of leadtrac.inbound (tests, benchmarks).", visibility: .hidden))
    var queue: String?

    func run() throws {
        let mapping = try ImportMapping.load(contentsOf: mapping)
        let broker = try BrokerConfiguration(
            url: amqpURL ?? Environment().string("LEADTRAC_AMQP_URL", default: "amqp://leadtrac:leadtrac@127.0.0.1:5672/%2F"))
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? UInt64) ?? 0
        var job = BatchImport(file: file, mapping: mapping, source: source, broker: broker)
        job.destinationQueue = queue
        if !quiet {
            job.progress = { counts, offset in
                let percent = size > 0 ? Double(offset) * 100 / Double(size) : 100
                FileHandle.standardError.write(Data(String(
                    format: "\r%5.1f%%  accepted %d  rejected %d  duplicate %d", percent, counts.accepted, counts.rejected,
                    counts.duplicate).utf8))
            }
        }
        let report = try job.run()
        if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        print("accepted \(report.counts.accepted) rejected \(report.counts.rejected) duplicate \(report.counts.duplicate)")
        for (code, count) in report.rejectionCodes.sorted(by: { $0.key < $1.key }) { print("  \(code)\t\(count)") }
        print("report: \(job.reportPath)")
    }
}
