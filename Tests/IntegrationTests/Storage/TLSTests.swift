import Foundation
import LeadTracStorage
import LeadTracTesting
import Logging
import Testing

extension Integration {
    /// Transport security, live: the local PostgreSQL serves TLS with the development CA made by
    /// deploy/local (`.local/tls/ca.pem`), and a connection with `sslmode=verify-full` is
    /// encrypted and verified. (`LEADTRAC_TEST_DATABASE_TLS_URL` points the test elsewhere.)
    @Suite struct TLSTests {
        @Test func databaseConnectionWithVerifyFullIsEncrypted() throws {
            let ca = TestServers.repositoryRoot.appendingPathComponent(".local/tls/ca.pem").path
            let url = ProcessInfo.processInfo.environment["LEADTRAC_TEST_DATABASE_TLS_URL"]
                ?? "postgresql://leadtrac_admin:leadtrac_admin@localhost:5432/leadtrac?sslmode=verify-full&sslrootcert=\(ca)"
            if ProcessInfo.processInfo.environment["LEADTRAC_TEST_DATABASE_TLS_URL"] == nil {
                #expect(FileManager.default.fileExists(atPath: ca), "deploy/local/postgres.sh makes the CA at start")
            }
            let db = try PGConnection(configuration: try DatabaseConfiguration(url: url), logger: Logger(label: "test.tls"))
            defer { db.close() }
            let row = try db.execute("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").rows[0]
            #expect(try row.decode(Bool.self, at: 0))
            #expect(try row.decode(String?.self, at: 1)?.hasPrefix("TLS") == true)

            // A server certificate the client does not trust is refused.
            guard url.contains(ca) else { return }
            let wrongCA = FileManager.default.temporaryDirectory.appendingPathComponent("not-the-ca.pem").path
            try Data("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8).write(to: URL(fileURLWithPath: wrongCA))
            let refused = url.replacingOccurrences(of: ca, with: wrongCA)
            #expect(throws: DatabaseError.self) {
                try PGConnection(configuration: try DatabaseConfiguration(url: refused), logger: Logger(label: "test.tls")).close()
            }
        }
    }
}
