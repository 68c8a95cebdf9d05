import Foundation
import LeadTracMessaging
import LeadTracStorage
import Logging

/// Work a service does on a schedule (audit checkpoints, the weekly extract), on a thread of its
/// own with its own database connection, like the consumer loops.
///
/// The interval comes from the environment variable `intervalSetting` (seconds). A run that
/// fails is logged and retried at the next tick; a lost connection is rebuilt. Several
/// instances may run the same job: the job itself must make concurrent runs harmless (an
/// advisory lock, a unique key).
public struct PeriodicJob: Sendable {
    public var name: String
    /// `LEADTRAC_…_SECONDS`: how often the job runs.
    public var intervalSetting: String
    public var defaultInterval: Int
    public var work: @Sendable (PGConnection, Logger) throws -> Void

    public init(
        name: String, intervalSetting: String, defaultInterval: Int,
        work: @escaping @Sendable (PGConnection, Logger) throws -> Void
    ) {
        self.name = name
        self.intervalSetting = intervalSetting
        self.defaultInterval = defaultInterval
        self.work = work
    }

    /// Runs the job every `interval` until `stop` is requested.
    public func run(every interval: Duration, database: DatabaseConfiguration, logger: Logger, until stop: StopSignal) {
        var logger = logger
        logger[metadataKey: "job"] = "\(name)"
        let connection = reconnectingDatabase(database, logger: logger) { _ in }
        defer { connection.close() }
        while !stop.isRequested {
            sleep(interval, unless: { stop.isRequested })
            guard !stop.isRequested, let db = connection.connection(until: { stop.isRequested }) else { return }
            do {
                try work(db, logger)
            } catch {
                logger.error("job run failed; retried at the next tick", metadata: ["error": "\(error)"])
                if (error as? DatabaseError)?.connectionLost == true { connection.invalidate() }
            }
        }
    }
}
