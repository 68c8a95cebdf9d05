import ArgumentParser
import AuditCore
import AuditService
import Foundation
import LeadTracRuntime
import LeadTracStorage
import Logging

/// `leadtrac audit verify`: checks the whole audit trail as stored.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail.", subcommands: [Verify.self])

    /// Exit 0 when the trail is intact, 1 with the first bad position and what is wrong.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every chain link, every signed checkpoint and every row of the audit trail.")

        @Option(name: .customLong("database-url"), help: "Database URL (default: $LEADTRAC_DATABASE_URL or the audit role, local).")
        var databaseURL: String?
        @Option(help: "The audit service's schema.") var schema = "audit"
        @Option(
            name: .customLong("public-key"),
            help: "A checkpoint key as ID=BASE64 (raw 32-byte Ed25519 public key; repeatable; default: the development key).")
        var publicKeys: [String] = []
        @Flag(help: "Print the report as JSON.") var json = false

        func run() throws {
            let url = try databaseURL
                ?? Environment().string(
                    "LEADTRAC_DATABASE_URL", default: "postgresql://leadtrac_audit:leadtrac_audit@127.0.0.1:5432/leadtrac")
            var logger = Logger(label: "leadtrac.cli")
            logger.logLevel = .warning
            let db = try PGConnection(configuration: try DatabaseConfiguration(url: url), logger: logger)
            defer { db.close() }
            let verifier = TrailVerifier(schema: schema, keys: try CheckpointKeys.verifier(publicKeys))
            let start = ContinuousClock.now
            let report = try verifier.verify(on: db) { read in
                if !json, read % 1_000_000 == 0 { FileHandle.standardError.write(Data("verified \(read) records…\n".utf8)) }
            }
            let elapsed = ContinuousClock.now - start
            if json {
                let object: [String: Any] = [
                    "intact": report.isIntact, "records": report.recordsVerified, "checkpoints": report.checkpointsVerified,
                    "lastCheckpointTreeSize": report.lastCheckpointTreeSize,
                    "failure": report.failure.map { ["kind": $0.kind.rawValue, "position": $0.position, "message": $0.message] as [String: Any] } as Any,
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else if let failure = report.failure {
                print("FAILED: \(failure.kind.rawValue) at position \(failure.position): \(failure.message)")
            } else {
                print(
                    "intact: \(report.recordsVerified) records, \(report.checkpointsVerified) signed checkpoints "
                        + "(\(report.recordsWithoutCheckpoint) records after the last), in \(elapsed)")
            }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
