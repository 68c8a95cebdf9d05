import LeadTracMessaging
import LeadTracStorage
import Logging

/// A PostgreSQL connection that is rebuilt after failures, for a loop that owns it.
///
/// Mirrors `ManagedConnection` for the broker: ask for `connection(until:)`, call
/// `invalidate()` after a connection-level error, and the next request reconnects with
/// backoff and runs `setUp` (e.g. LISTEN) again.
public final class ManagedDatabase {
    private let configuration: DatabaseConfiguration
    private let logger: Logger
    private let setUp: (PGConnection) throws -> Void
    private var current: PGConnection?
    private var backoff = Backoff()
    public var onStateChange: (Bool) -> Void = { _ in }

    public init(
        configuration: DatabaseConfiguration, logger: Logger, setUp: @escaping (PGConnection) throws -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.setUp = setUp
    }

    /// The open connection, connecting with backoff as needed; nil if `shouldStop` turns true
    /// first. `wait` spends each backoff pause (a consumer uses it to keep its broker
    /// connection's heartbeats flowing).
    public func connection(
        until shouldStop: () -> Bool, wait: ((Duration) -> Void)? = nil
    ) -> PGConnection? {
        if let current { return current }
        while !shouldStop() {
            do {
                let connection = try PGConnection(configuration: configuration, logger: logger)
                try setUp(connection)
                current = connection
                backoff.reset()
                onStateChange(true)
                return connection
            } catch {
                let delay = backoff.next()
                logger.warning(
                    "database unavailable, retrying", metadata: ["error": "\(error)", "retry.in": "\(delay)"])
                onStateChange(false)
                if let wait { wait(delay) } else { sleep(delay, unless: shouldStop) }
            }
        }
        return nil
    }

    public func invalidate() {
        current?.close()
        current = nil
        onStateChange(false)
    }

    public func close() {
        current?.close()
        current = nil
    }
}

extension Error {
    /// A database error worth retrying after a pause (connection lost, server restarting,
    /// serialization failure, deadlock).
    var isTransientDatabaseError: Bool { (self as? DatabaseError)?.isTransient ?? false }
}
