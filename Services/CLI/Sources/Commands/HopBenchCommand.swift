import ArgumentParser
import Foundation
import LeadTracMessaging
import LeadTracStorage
import LeadTracTesting

/// `leadtrac bench hop`: the spine's effectively-once hop against the raw ceiling.
struct HopBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hop",
        abstract: "Raw consume→INSERT→confirmed publish→ack vs the spine's inbox/outbox hop, for batch sizes 1, 10, 100.")

    @Option(help: "Batch sizes to measure.") var batch: [Int] = [1, 10, 100]
    @Option(help: "Messages per run at batch size 1 (larger batches use 10x and 20x).") var messages = 3_000
    @Option(name: .customLong("amqp-url"), help: "Broker URL (default: $LEADTRAC_TEST_AMQP_URL or the local broker).")
    var amqpURL: String?
    @Option(name: .customLong("database-url"), help: "Admin database URL (default: $LEADTRAC_TEST_DATABASE_URL or local).")
    var databaseURL: String?

    func run() throws {
        let bench = HopBenchmark(
            broker: try BrokerConfiguration(url: amqpURL ?? TestServers.amqpURL),
            database: try DatabaseConfiguration(url: databaseURL ?? TestServers.databaseURL))
        print("batch  messages  raw msg/s  spine msg/s  spine/raw")
        for size in batch {
            let count = size >= 100 ? messages * 20 : size >= 10 ? messages * 10 : messages
            let result = try bench.run(batchSize: size, messages: count)
            print(String(format: "%5d  %8d  %9.0f  %11.0f  %8.0f%%", size, count, result.rawRate, result.spineRate, result.ratio * 100))
        }
    }
}
