import ArgumentParser
import Foundation
import LeadTracMessaging
import LeadTracRuntime

/// `leadtrac dlq list|show|replay`.
struct DLQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq", abstract: "Inspect and replay dead letters.",
        subcommands: [List.self, Show.self, Replay.self])

    struct Options: ParsableArguments {
        @Option(name: .customLong("amqp-url"), help: "Broker URL (default: $LEADTRAC_AMQP_URL or the local broker).")
        var amqpURL: String?

        func broker() throws -> BrokerConfiguration {
            try BrokerConfiguration(
                url: amqpURL ?? Environment().string("LEADTRAC_AMQP_URL", default: "amqp://leadtrac:leadtrac@127.0.0.1:5672/%2F"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the dead letters of each service queue.")
        @OptionGroup var options: Options
        @Option(name: .customLong("queue"), help: "A queue to include (repeatable; default: every service queue).")
        var queues: [String] = []

        func run() throws {
            let tool = try DeadLetterQueues(broker: try options.broker())
            defer { tool.close() }
            for summary in try tool.list(queues: queues.isEmpty ? DeadLetterQueues.serviceQueues : queues) {
                print("\(summary.deadLetterQueue)\t\(summary.messages)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print dead letters of a queue as JSON lines, leaving them in place.")
        @OptionGroup var options: Options
        @Argument(help: "The source queue (e.g. ingest.inbound).") var queue: String
        @Option(help: "How many at most.") var limit = 20
        @Flag(help: "Also print bodies (they may hold personal data).") var body = false

        func run() throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for letter in try DeadLetterQueues(broker: try options.broker()).show(queue: queue, limit: limit, includeBody: body) {
                print(String(decoding: try encoder.encode(letter), as: UTF8.self))
            }
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send dead letters back to their queue.")
        @OptionGroup var options: Options
        @Argument(help: "The source queue (e.g. ingest.inbound).") var queue: String
        @Option(name: .customLong("id"), help: "A message id to replay (repeatable).") var ids: [String] = []
        @Flag(help: "Replay every dead letter of the queue.") var all = false

        func validate() throws {
            guard all != !ids.isEmpty else { throw ValidationError("give --all or at least one --id") }
        }

        func run() throws {
            let replayed = try DeadLetterQueues(broker: try options.broker()).replay(queue: queue, ids: all ? nil : Set(ids))
            for id in replayed { print(id) }
            FileHandle.standardError.write(Data("replayed \(replayed.count) message(s) to \(queue)\n".utf8))
            if !all && replayed.count < ids.count { throw ExitCode(2) }
        }
    }
}
