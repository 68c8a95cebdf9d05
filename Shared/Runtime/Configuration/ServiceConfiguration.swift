import LeadTracMessaging
import LeadTracStorage
import Logging

/// The settings every LeadTrac service shares. Defaults suit the local servers that
/// `deploy/local/start-servers.sh` starts; docs/operations.md lists each variable.
public struct ServiceConfiguration: Sendable {
    /// `LEADTRAC_AMQP_URL`
    public var broker: BrokerConfiguration
    /// `LEADTRAC_DATABASE_URL`
    public var database: DatabaseConfiguration
    /// `LEADTRAC_HTTP_HOST`, `LEADTRAC_HTTP_PORT`
    public var httpHost: String
    public var httpPort: Int
    /// `LEADTRAC_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical)
    public var logLevel: Logger.Level
    /// `LEADTRAC_BATCH_SIZE`: messages handled in one database transaction.
    public var batchSize: Int
    /// `LEADTRAC_BATCH_LINGER_MS`: how long a started batch waits for more messages.
    public var batchLingerMilliseconds: Int
    /// `LEADTRAC_PREFETCH`: unacknowledged deliveries the broker may send ahead.
    public var prefetch: Int
    /// `LEADTRAC_INBOX_RETENTION_HOURS`: how long processed message ids are remembered.
    public var inboxRetentionHours: Int
    /// `LEADTRAC_OUTBOX_POLL_MS`: how often the relay looks for events when no notification came.
    public var outboxPollMilliseconds: Int
    /// `LEADTRAC_HTTP_DATABASE_CONNECTIONS`: threads (each with a connection) serving the API's database work.
    public var httpDatabaseConnections: Int
    /// `LEADTRAC_JWT_ISSUER`, `LEADTRAC_JWT_AUDIENCE`, `LEADTRAC_JWT_JWKS_FILE`
    public var auth: AuthConfiguration
    /// Seconds between runs of each periodic job, by job name (each job names its own variable).
    public var jobIntervals: [String: Int]

    public init(service: ServiceDescriptor, environment: Environment = Environment()) throws {
        let amqpURL = try environment.string("LEADTRAC_AMQP_URL", default: "amqp://leadtrac:leadtrac@127.0.0.1:5672/%2F")
        broker = try BrokerConfiguration(url: amqpURL)
        let role = "leadtrac_\(service.schema)"
        let databaseURL = try environment.string(
            "LEADTRAC_DATABASE_URL", default: "postgresql://\(role):\(role)@127.0.0.1:5432/leadtrac")
        var database = try DatabaseConfiguration(url: databaseURL)
        if database.applicationName == nil { database.applicationName = service.name }
        self.database = database
        httpHost = try environment.string("LEADTRAC_HTTP_HOST", default: "127.0.0.1")
        httpPort = try environment.integer("LEADTRAC_HTTP_PORT", default: service.defaultHTTPPort, range: 0...65535)
        let level = try environment.string("LEADTRAC_LOG_LEVEL", default: "info")
        guard let parsed = Logger.Level(rawValue: level) else {
            throw ConfigurationError(setting: "LEADTRAC_LOG_LEVEL", problem: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = parsed
        batchSize = try environment.integer("LEADTRAC_BATCH_SIZE", default: service.defaultBatchSize, range: 1...5_000)
        batchLingerMilliseconds = try environment.integer("LEADTRAC_BATCH_LINGER_MS", default: 5, range: 0...1_000)
        prefetch = try environment.integer("LEADTRAC_PREFETCH", default: 2 * batchSize, range: 1...65_535)
        guard prefetch >= batchSize else {
            throw ConfigurationError(setting: "LEADTRAC_PREFETCH", problem: "must be at least LEADTRAC_BATCH_SIZE")
        }
        inboxRetentionHours = try environment.integer("LEADTRAC_INBOX_RETENTION_HOURS", default: 168, range: 1...100_000)
        outboxPollMilliseconds = try environment.integer("LEADTRAC_OUTBOX_POLL_MS", default: 1_000, range: 10...60_000)
        httpDatabaseConnections = try environment.integer("LEADTRAC_HTTP_DATABASE_CONNECTIONS", default: 4, range: 1...256)
        auth = try AuthConfiguration(environment: environment)
        var intervals: [String: Int] = [:]
        for job in service.jobs {
            intervals[job.name] = try environment.integer(job.intervalSetting, default: job.defaultInterval, range: 1...86_400)
        }
        jobIntervals = intervals
    }

    /// The effective configuration with secrets masked, printed at start.
    public var redacted: Logger.Metadata {
        [
            "LEADTRAC_AMQP_URL": "\(broker.redactedURL)",
            "LEADTRAC_DATABASE_URL": "\(database.redactedURL)",
            "LEADTRAC_HTTP_HOST": "\(httpHost)",
            "LEADTRAC_HTTP_PORT": "\(httpPort)",
            "LEADTRAC_LOG_LEVEL": "\(logLevel)",
            "LEADTRAC_BATCH_SIZE": "\(batchSize)",
            "LEADTRAC_BATCH_LINGER_MS": "\(batchLingerMilliseconds)",
            "LEADTRAC_PREFETCH": "\(prefetch)",
            "LEADTRAC_INBOX_RETENTION_HOURS": "\(inboxRetentionHours)",
            "LEADTRAC_OUTBOX_POLL_MS": "\(outboxPollMilliseconds)",
            "LEADTRAC_HTTP_DATABASE_CONNECTIONS": "\(httpDatabaseConnections)",
            "LEADTRAC_JWT_ISSUER": "\(auth.issuer)",
            "LEADTRAC_JWT_AUDIENCE": "\(auth.audience)",
            "LEADTRAC_JWT_KEYS": "\(auth.keys == .development ? "development key (not for production)" : "LEADTRAC_JWT_JWKS_FILE")",
        ]
    }
}
