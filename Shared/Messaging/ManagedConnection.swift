import Foundation
import Logging

/// A broker connection that is rebuilt after failures.
///
/// rabbitmq-c never reconnects by itself. The owner asks for `connection(until:)`, uses it,
/// and calls `invalidate()` after an error that `requiresReconnect`; the next request
/// reconnects with exponential backoff and jitter and runs `setUp` again (declarations,
/// prefetch, confirm mode, consumers), so a consumer is restored along with the connection.
/// Like `AMQPConnection`, it belongs to one thread.
public final class ManagedConnection {
    private let configuration: BrokerConfiguration
    private let name: String
    private let logger: Logger
    private let setUp: (AMQPConnection) throws(MessagingError) -> Void
    private var current: AMQPConnection?
    private var backoff = Backoff()
    /// Called with each change of reachability, for readiness reporting.
    public var onStateChange: (Bool) -> Void = { _ in }

    public init(
        configuration: BrokerConfiguration, name: String, logger: Logger,
        setUp: @escaping (AMQPConnection) throws(MessagingError) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.name = name
        self.logger = logger
        self.setUp = setUp
    }

    /// The open connection, connecting (and retrying with backoff) as needed. Returns nil if
    /// `shouldStop` becomes true before a connection could be made.
    public func connection(until shouldStop: () -> Bool) -> AMQPConnection? {
        if let current { return current }
        while !shouldStop() {
            do {
                let connection = try AMQPConnection(configuration: configuration, name: name, logger: logger)
                try setUp(connection)
                current = connection
                if backoff.attempt > 0 {
                    logger.info("broker connection restored", metadata: ["amqp.connection": "\(name)"])
                }
                backoff.reset()
                onStateChange(true)
                return connection
            } catch {
                let delay = backoff.next()
                logger.warning(
                    "broker unavailable, retrying",
                    metadata: ["amqp.connection": "\(name)", "error": "\(error)", "retry.in": "\(delay)"])
                onStateChange(false)
                sleep(delay, unless: shouldStop)
            }
        }
        return nil
    }

    /// Drops the connection after an error; the next `connection(until:)` rebuilds it.
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

/// Sleeps in short steps so that a stop request is noticed within ~50 ms.
public func sleep(_ duration: Duration, unless shouldStop: () -> Bool) {
    let deadline = ContinuousClock.now + duration
    while !shouldStop() {
        let left = deadline - ContinuousClock.now
        if left <= .zero { return }
        let step = min(left, .milliseconds(50))
        let (seconds, atto) = step.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(atto / 1_000_000_000))
        nanosleep(&request, nil)
    }
}
