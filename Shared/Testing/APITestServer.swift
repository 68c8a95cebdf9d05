import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import LeadTracRuntime
import LeadTracStorage
import Logging
import NIOCore
import Prometheus

/// A service's HTTP API, built exactly as `ServiceRunner` builds it, served on a free loopback
/// port against a schema of the test's own; tests call it over real HTTP.
public final class APITestServer: Sendable {
    public struct Answer: Sendable {
        public var status: Int
        public var body: Data
        public var headers: [String: String]

        public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        /// The RFC 9457 problem code, for error answers.
        public var problemCode: String? { (json as? [String: Any])?["code"] as? String }
    }

    public let port: Int
    public let schema: String
    public let database: DatabaseWorkers
    private let task: Task<Void, any Error>

    /// Applies the service's migrations to `schema` (created if needed), then serves its API.
    public static func start(_ descriptor: ServiceDescriptor, schema: String) async throws -> APITestServer {
        var logger = Logger(label: "leadtrac.test.api")
        logger.logLevel = .critical
        let configuration = try TestServers.database()
        let connection = try PGConnection(configuration: configuration, logger: logger)
        try Migrator().migrate(
            schema: schema, migrations: SpineSchema.migrations + descriptor.migrations, on: connection, logger: logger)
        connection.close()
        let database = DatabaseWorkers(configuration: configuration, threads: 2, logger: logger)
        let router = ServiceRunner.makeRouter(
            descriptor, schema: schema, database: database,
            verifier: try await TokenVerifier(configuration: AuthConfiguration()), readiness: Readiness(),
            registry: PrometheusCollectorRegistry(), logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw APITestServerError.didNotStart
        }
        return APITestServer(port: port, schema: schema, database: database, task: task)
    }

    private init(port: Int, schema: String, database: DatabaseWorkers, task: Task<Void, any Error>) {
        self.port = port
        self.schema = schema
        self.database = database
        self.task = task
    }

    /// Sends one request; `token` becomes `Authorization: Bearer <token>`; `headers` are added as given.
    public func request(
        _ method: String, _ path: String, token: String? = nil, headers: [String: String] = [:], json body: String? = nil
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return Answer(status: http.statusCode, body: data, headers: headers)
    }

    /// Audit events this API wrote (still in the outbox: no relay runs in these tests), oldest first.
    public func auditActions() throws -> [String] {
        let logger = Logger(label: "leadtrac.test.api")
        let connection = try PGConnection(configuration: try TestServers.database(), logger: logger)
        defer { connection.close() }
        return try connection.execute(
            "SELECT routing_key FROM \(quoteIdentifier(schema)).outbox WHERE exchange = 'leadtrac.audit' ORDER BY seq"
        ).rows.map { row in
            let key = try row.decode(String.self, at: 0)  // audit.<service>.<action>
            return key.split(separator: ".", maxSplits: 2).dropFirst(2).joined()
        }
    }

    public func dropSchema() throws {
        let connection = try PGConnection(configuration: try TestServers.database(), logger: Logger(label: "leadtrac.test.api"))
        defer { connection.close() }
        try connection.execute("DROP SCHEMA IF EXISTS \(quoteIdentifier(schema)) CASCADE")
    }

    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

enum APITestServerError: Error {
    case didNotStart
}
