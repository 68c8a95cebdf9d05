import Foundation
import Logging

/// A connection-like resource that can be closed.
public protocol Closable: AnyObject {
    func close()
}

extension AMQPConnection: Closable {}

/// Holds one connection (to the broker or the database) and rebuilds it after failures.
///
/// Neither librabbitmq nor libpq reconnects by itself. The owner asks for
/// `connection(until:)`, uses it, and calls `invalidate()` after an error that broke it; the
/// next request reconnects with exponential backoff and jitter and runs the factory again
/// (which also redoes the setup: declarations, consumers, LISTEN, migrations). Like the
/// connection it holds, it belongs to one thread.
public final class Reconnecting<Resource: Closable> {
    private let what: String
    private let logger: Logger
    private let open: () throws -> Resource
    private var current: Resource?
    private var backoff = Backoff()
    /// Called with each change of reachability, for readiness reporting.
    public var onStateChange: (Bool) -> Void = { _ in }

    /// - Parameters:
    ///   - what: names the dependency in log lines (`broker`, `database`).
    ///   - open: connects and sets the connection up; throws if either fails.
    public init(_ what: String, logger: Logger, open: @escaping () throws -> Resource) {
        self.what = what
        self.logger = logger
        self.open = open
    }

    /// The open connection, connecting with backoff as needed; nil if `shouldStop` turns true
    /// first. `wait` spends each backoff pause (default: sleeping); a consumer passes one that
    /// keeps its broker connection's heartbeats flowing while the database is away.
    public func connection(until shouldStop: () -> Bool, wait: ((Duration) -> Void)? = nil) -> Resource? {
        if let current { return current }
        while !shouldStop() {
            do {
                let resource = try open()
                current = resource
                if backoff.attempt > 0 { logger.info("\(what) connection restored") }
                backoff.reset()
                onStateChange(true)
                return resource
            } catch {
                let delay = backoff.next()
                logger.warning("\(what) unavailable, retrying", metadata: ["error": "\(error)", "retry.in": "\(delay)"])
                onStateChange(false)
                if let wait { wait(delay) } else { sleep(delay, unless: shouldStop) }
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
