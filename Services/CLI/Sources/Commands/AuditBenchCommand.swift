import ArgumentParser
import Foundation
import LeadTracMessaging
import LeadTracStorage
import LeadTracTesting

/// `leadtrac bench audit`: events/s stored and chained, and the verify time for a long trail.
struct AuditBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit events stored and chained per second; verify time for a long trail.")

    @Option(help: "Audit events to chain through the broker and the consumer.") var events = 50_000
    @Option(help: "Batch size of the consumer.") var batch = 100
    @Option(name: .customLong("verify-events"), help: "Length of the trail to verify (0 skips).") var verifyEvents = 10_000_000
    @Option(name: .customLong("amqp-url"), help: "Broker URL (default: $LEADTRAC_TEST_AMQP_URL or the local broker).")
    var amqpURL: String?
    @Option(name: .customLong("database-url"), help: "Admin database URL (default: $LEADTRAC_TEST_DATABASE_URL or local).")
    var databaseURL: String?

    func run() throws {
        let bench = AuditBenchmark(
            broker: try BrokerConfiguration(url: amqpURL ?? TestServers.amqpURL),
            database: try DatabaseConfiguration(url: databaseURL ?? TestServers.databaseURL))
        let rate = try bench.chainRate(events: events, batchSize: batch)
        print(String(format: "chain: %d events stored and chained at %.0f events/s (batch %d)", events, rate, batch))
        guard verifyEvents > 0 else { return }
        let (load, verify, intact) = try bench.verifyTime(events: verifyEvents) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        print(String(
            format: "verify: %d events in %.1f s (%.0f events/s), %@; load with COPY took %.1f s",
            verifyEvents, verify, Double(verifyEvents) / verify, intact ? "intact" : "NOT INTACT", load))
        if !intact { throw ExitCode(1) }
    }
}
