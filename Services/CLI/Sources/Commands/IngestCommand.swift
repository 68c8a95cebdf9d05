import ArgumentParser
import Foundation
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import Logging

/// `leadtrac ingest rejections list|show|resubmit`: records ingest could not accept, and their repair.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Ingest's rejected records: list, show, resubmit corrected.",
        subcommands: [RejectionsCommand.self])

    struct RejectionsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rejections", subcommands: [List.self, Show.self, Resubmit.self])
    }

    struct Options: ParsableArguments {
        @Option(name: .customLong("database-url"), help: "Admin database URL (default: $LEADTRAC_ADMIN_DATABASE_URL or local).")
        var databaseURL: String?
        @Option(help: "Ingest's schema.") var schema = "ingest"

        func rejections() throws -> Rejections {
            let url = try databaseURL
                ?? Environment().string(
                    "LEADTRAC_ADMIN_DATABASE_URL", default: "postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:5432/leadtrac")
            var logger = Logger(label: "leadtrac.cli")
            logger.logLevel = .warning
            return Rejections(
                database: try PGConnection(configuration: try DatabaseConfiguration(url: url), logger: logger), schema: schema)
        }
    }

    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rejections as JSON lines (ids, reasons, codes; no personal values).")
        @OptionGroup var options: Options
        @Option(help: "open, resubmitted or discarded; all when omitted.") var status: String? = "open"
        @Option(help: "How many at most.") var limit = 50

        func run() throws {
            for item in try options.rejections().list(status: status, limit: limit) { try IngestCommand.printJSON(item) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One rejection; --body adds the record as received.")
        @OptionGroup var options: Options
        @Argument var id: String
        @Flag(help: "Include the raw record (personal data).") var body = false

        func run() throws {
            guard let item = try options.rejections().show(id, includeBody: body) else { throw ExitCode(2) }
            try IngestCommand.printJSON(item)
        }
    }

    struct Resubmit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a corrected record (a JSON lead record) in place of rejection ID.")
        @OptionGroup var options: Options
        @Argument var id: String
        @Option(help: "The corrected record (JSON).") var file: String
        @Option(name: .customLong("amqp-url"), help: "Broker URL (default: $LEADTRAC_AMQP_URL or local).") var amqpURL: String?

        func run() throws {
            guard let record = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let broker = try BrokerConfiguration(
                url: amqpURL ?? Environment().string("LEADTRAC_AMQP_URL", default: "amqp://leadtrac:leadtrac@127.0.0.1:5672/%2F"))
            print(try options.rejections().resubmit(id, record: record, broker: broker))
        }
    }
}
