import Foundation
import LeadTracStorage
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Blocking database work for HTTP handlers, off Swift's cooperative pool.
///
/// libpq calls block, so handlers never run them on the cooperative pool (one thread per
/// core: one blocked call would stall the whole server). They hand a closure to `run`, which
/// executes it on a thread of its own pool (`NIOThreadPool`, as STYLE.md prescribes) with a
/// connection checked out for the duration. Connections are opened on demand, at most one
/// per thread, and a connection that failed is discarded, so the next call opens a new one.
public final class DatabaseWorkers: Service, Sendable {
    private let pool: NIOThreadPool
    private let idle = Mutex<[SendableConnection]>([])
    private let configuration: DatabaseConfiguration
    private let logger: Logger

    public init(configuration: DatabaseConfiguration, threads: Int, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Runs `body` with a connection on a pool thread and returns its value.
    /// - Throws: what `body` throws, or `DatabaseError.connectionFailed` when the database is unreachable.
    public func run<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await pool.runIfActive { [self] in
            let connection = try checkOut()
            do {
                let value = try body(connection.value)
                checkIn(connection)
                return value
            } catch let error as DatabaseError where error.connectionLost {
                connection.value.close()
                throw error
            } catch {
                checkIn(connection)
                throw error
            }
        }
    }

    /// Runs `body` with a connection on the calling thread (tools and tests, never request handlers).
    public func runBlocking<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection.value)
    }

    /// Runs `body` in a transaction on a pool thread.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await run { connection in try connection.transaction(body) }
    }

    /// Waits for shutdown, then lets running work finish and closes the connections.
    public func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }

    /// Lets running work finish, stops the threads and closes the connections.
    public func shutdown() async throws {
        try await pool.shutdownGracefully()
        for connection in idle.withLock({ $0 }) { connection.value.close() }
    }

    private func checkOut() throws -> SendableConnection {
        if let connection = idle.withLock({ $0.popLast() }) { return connection }
        return SendableConnection(value: try PGConnection(configuration: configuration, logger: logger))
    }

    private func checkIn(_ connection: SendableConnection) {
        idle.withLock { $0.append(connection) }
    }
}

/// A connection moving between the idle list and one pool thread at a time.
private struct SendableConnection: @unchecked Sendable {
    let value: PGConnection
}
