import Foundation
import LeadTracMessaging
import LeadTracStorage

/// Where the integration tests and benchmarks find the real broker and database.
///
/// `LEADTRAC_TEST_AMQP_URL` and `LEADTRAC_TEST_DATABASE_URL`, defaulting to the local servers
/// of `deploy/local/start-servers.sh` (the admin role, which may create schemas).
public enum TestServers {
    public static var amqpURL: String {
        ProcessInfo.processInfo.environment["LEADTRAC_TEST_AMQP_URL"] ?? "amqp://leadtrac:leadtrac@127.0.0.1:5672/%2F"
    }

    public static var databaseURL: String {
        ProcessInfo.processInfo.environment["LEADTRAC_TEST_DATABASE_URL"]
            ?? "postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:5432/leadtrac"
    }

    public static func broker() throws -> BrokerConfiguration { try BrokerConfiguration(url: amqpURL) }

    public static func database() throws -> DatabaseConfiguration { try DatabaseConfiguration(url: databaseURL) }

    /// A name no other test uses, for schemas and queues (`prefix_1a2b3c4d`).
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The repository root (for the deploy/local scripts), found from this file's location.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
