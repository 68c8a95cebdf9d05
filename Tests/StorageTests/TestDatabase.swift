import Foundation
import LeadTracStorage
import Logging

/// Shared set-up for the integration tests: a real PostgreSQL from
/// `LEADTRAC_TEST_DATABASE_URL` (default: the local development server), one fresh schema per
/// test, dropped afterwards.
enum TestDatabase {
    static let url =
        ProcessInfo.processInfo.environment["LEADTRAC_TEST_DATABASE_URL"]
        ?? "postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:5432/leadtrac"

    static let logger = Logger(label: "leadtrac.storage.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    static func connect() throws -> PGConnection {
        try PGConnection(configuration: DatabaseConfiguration(url: url), logger: logger)
    }

    static func uniqueSchemaName() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
    }

    /// Runs `body` with a connection and a freshly created schema, then drops the schema
    /// (from a new connection, in case the test broke its own).
    static func withSchema<T>(_ body: (PGConnection, String) throws -> T) throws -> T {
        let schema = uniqueSchemaName()
        let connection = try connect()
        try connection.executeScript("CREATE SCHEMA \(quoteIdentifier(schema))")
        defer { dropSchema(schema) }
        return try body(connection, schema)
    }

    static func dropSchema(_ schema: String) {
        guard let cleanup = try? connect() else { return }
        try? cleanup.executeScript("DROP SCHEMA IF EXISTS \(quoteIdentifier(schema)) CASCADE")
    }
}

/// Runs blocking work on a thread of its own, off the cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
