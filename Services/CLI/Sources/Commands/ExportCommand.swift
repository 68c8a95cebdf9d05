import ArgumentParser
import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import Logging
import MatcherService

/// `leadtrac export links|subjects`: the matcher's decisions as CSV (ids, decisions, counts;
/// no names or other personal values), for reconciliation with source systems and oversight.
/// Each export is an audit event (`export.links`, `export.subjects`) with its row count.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the matcher's lead links or subjects as CSV.",
        subcommands: [Links.self, Subjects.self])

    struct Options: ParsableArguments {
        @Option(name: .customLong("database-url"), help: "Admin database URL (default: $LEADTRAC_ADMIN_DATABASE_URL or local).")
        var databaseURL: String?
        @Option(help: "The matcher's schema.") var schema = Matcher.schema
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "Who is exporting, for the audit trail (default: $USER).") var actor: String?

        /// Runs `export` with a database connection and a line writer, then reports the count on stderr.
        func run(_ kind: String, _ export: (MatcherExport, PGConnection, (String) throws -> Void) throws -> Int) throws {
            let url = try databaseURL
                ?? Environment().string(
                    "LEADTRAC_ADMIN_DATABASE_URL", default: "postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:5432/leadtrac")
            var logger = Logger(label: "leadtrac.cli")
            logger.logLevel = .warning
            let db = try PGConnection(configuration: try DatabaseConfiguration(url: url), logger: logger)
            defer { db.close() }
            let handle: FileHandle
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: nil) else {
                    throw ValidationError("cannot create \(out)")
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            } else {
                handle = FileHandle.standardOutput
            }
            var buffer = Data()
            func flush() { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
            let rows = try export(MatcherExport(schema: schema), db) { line in
                buffer.append(contentsOf: Array(line.utf8))
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 { flush() }
            }
            flush()
            if out != nil { try handle.close() }
            // Exports are audited like any report: through the matcher's outbox, to the trail.
            let who = actor ?? ProcessInfo.processInfo.environment["USER"] ?? "operator"
            try AuditTrail(service: Matcher.name, schema: schema).record(
                AuditEvent(
                    id: EventID.random(), time: Date(), actor: who, role: Role.admin.rawValue, service: "leadtrac-cli",
                    action: "export.\(kind)", objectType: "export", outcome: .allowed,
                    details: ["rows": .int(Int64(rows)), "destination": .string(out ?? "stdout")]),
                on: db)
            FileHandle.standardError.write(Data("\(rows) rows\n".utf8))
        }
    }

    struct Links: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per lead: lead id, source system, source record id, subject id, decision, score.")
        @OptionGroup var options: Options

        func run() throws { try options.run("links") { try $0.links(on: $1, write: $2) } }
    }

    struct Subjects: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per subject: subject id, kind, status, merged into, lead count, created at.")
        @OptionGroup var options: Options

        func run() throws { try options.run("subjects") { try $0.subjects(on: $1, write: $2) } }
    }
}
