import LeadTracMessaging
import LeadTracStorage
import Logging

extension PGConnection: Closable {}

/// The broker connection of a loop, rebuilt after failures; `setUp` runs on every connect.
func reconnectingBroker(
    _ configuration: BrokerConfiguration, name: String, logger: Logger,
    setUp: @escaping (AMQPConnection) throws(MessagingError) -> Void
) -> Reconnecting<AMQPConnection> {
    var logger = logger
    logger[metadataKey: "amqp.connection"] = "\(name)"
    return Reconnecting("broker", logger: logger) { [logger] in
        let connection = try AMQPConnection(configuration: configuration, name: name, logger: logger)
        do {
            try setUp(connection)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }
}

/// The database connection of a loop, rebuilt after failures; `setUp` runs on every connect.
func reconnectingDatabase(
    _ configuration: DatabaseConfiguration, logger: Logger, setUp: @escaping (PGConnection) throws -> Void
) -> Reconnecting<PGConnection> {
    Reconnecting("database", logger: logger) {
        let connection = try PGConnection(configuration: configuration, logger: logger)
        do {
            try setUp(connection)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }
}

extension Error {
    /// A database error worth retrying after a pause (connection lost, server restarting,
    /// serialization failure, deadlock).
    var isTransientDatabaseError: Bool { (self as? DatabaseError)?.isTransient ?? false }
}
