import Foundation

/// Where and how to reach RabbitMQ, parsed from an AMQP URI
/// (`amqp://user:pass@host:5672/vhost?heartbeat=30`, or `amqps://…` with TLS).
///
/// Query parameters follow RabbitMQ's URI query-parameter spec where one exists:
/// `heartbeat` (seconds), `connection_timeout` (milliseconds), `cacertfile`, `certfile`,
/// `keyfile`, `verify` (`verify_peer` or `verify_none`), `server_name_indication`.
public struct BrokerConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var virtualHost: String
    /// Heartbeat interval negotiated with the broker; 0 disables heartbeats.
    public var heartbeatSeconds: Int
    public var connectTimeout: Duration
    public var tls: TLS?

    public struct TLS: Sendable, Hashable {
        public var caCertificateFile: String?
        public var certificateFile: String?
        public var keyFile: String?
        public var verifyPeer: Bool
        public var serverName: String?
    }

    public init(url: String) throws(MessagingError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "amqp" || scheme == "amqps"
        else { throw .invalidConfiguration("the AMQP URL must start with amqp:// or amqps://") }
        let secure = scheme == "amqps"
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? (secure ? 5671 : 5672)
        user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "guest"
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? "guest"
        // The vhost is the path without its leading slash, percent-decoded: "/%2F" is "/".
        let path = String(components.percentEncodedPath.dropFirst())
        virtualHost = path.isEmpty ? "/" : (path.removingPercentEncoding ?? path)
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        heartbeatSeconds = try Self.integer(query["heartbeat"], name: "heartbeat", default: 30)
        connectTimeout = .milliseconds(
            try Self.integer(query["connection_timeout"], name: "connection_timeout", default: 5_000))
        if secure {
            let verify = query["verify"] ?? "verify_peer"
            guard verify == "verify_peer" || verify == "verify_none" else {
                throw .invalidConfiguration("verify must be verify_peer or verify_none")
            }
            tls = TLS(
                caCertificateFile: query["cacertfile"], certificateFile: query["certfile"],
                keyFile: query["keyfile"], verifyPeer: verify == "verify_peer",
                serverName: query["server_name_indication"])
        } else {
            tls = nil
        }
    }

    /// The URL with its password masked, for logs and the printed configuration.
    public var redactedURL: String {
        let scheme = tls == nil ? "amqp" : "amqps"
        let vhost = virtualHost == "/" ? "%2F" : virtualHost
        return "\(scheme)://\(user):***@\(host):\(port)/\(vhost)"
    }

    private static func integer(_ text: String?, name: String, default value: Int) throws(MessagingError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), number >= 0 else {
            throw .invalidConfiguration("\(name) must be a non-negative integer")
        }
        return number
    }
}
