import Foundation
import LeadTracMessaging
import LeadTracStorage
import Logging

/// What a service does with each message from one queue.
///
/// The spine calls `handle` inside a database transaction that also records the message id
/// (inbox) and the messages the handler emits (outbox): all commit together, then the
/// delivery is acknowledged. A handler therefore only writes to the database through
/// `context.database` and publishes only through `context.emit`; it never talks to the
/// broker. It runs on the consumer's own thread and may block.
///
/// Errors: throw `MessageRejection` for a message that can never succeed (it is
/// dead-lettered at once with that reason); a transient `DatabaseError` makes the spine retry
/// the batch with backoff; any other error counts as a failed delivery, retried until the
/// queue's delivery limit, then dead-lettered as `handler.failed`.
public protocol MessageHandler: Sendable {
    func handle(_ event: CloudEvent, context: HandlerContext) throws

    /// Called before the batch's messages are handled, on every attempt of a batch (a retried
    /// batch starts again here): a handler that gathers work across the batch resets it.
    func beginBatch()

    /// Called after ``beginBatch()`` with the batch's messages that will be handled (claimed in
    /// the inbox, not duplicates, not already rejected), in order, inside the batch's
    /// transaction: a handler that reads or locks for the whole batch at once does it here,
    /// one statement for all instead of one per message. `handle` still sees every message.
    func prepareBatch(_ events: [CloudEvent], database: PGConnection) throws

    /// Called after every message of the batch was handled, in the same transaction, before
    /// the commit: a handler that writes the batch's work in one statement does it here.
    func finishBatch(database: PGConnection) throws
}

extension MessageHandler {
    public func beginBatch() {}
    public func prepareBatch(_ events: [CloudEvent], database: PGConnection) throws {}
    public func finishBatch(database: PGConnection) throws {}
}

/// The transaction a handler works in and the way it emits events.
public final class HandlerContext {
    /// The connection, inside the batch's transaction.
    public let database: PGConnection
    /// The service's schema (quote it with `quoteIdentifier` in SQL).
    public let schema: String
    public let delivery: Delivery
    /// Carries `event.id`, `correlation.id` and `amqp.queue` metadata; never log personal data.
    public let logger: Logger
    let service: String
    private(set) var emitted: [OutgoingMessage] = []
    private(set) var rejection: MessageRejection?

    init(database: PGConnection, schema: String, service: String, delivery: Delivery, logger: Logger) {
        self.database = database
        self.schema = schema
        self.service = service
        self.delivery = delivery
        self.logger = logger
    }

    /// Adds an event to the outbox. Its id derives from the message being handled, the type and
    /// `discriminator`, so handling the same message again yields the same id.
    public func emit(
        type: String, data: [UInt8], exchange: String = Exchange.events, routingKey: String? = nil,
        subject: String? = nil, discriminator: String = "0", causedBy event: CloudEvent
    ) {
        let outgoing = CloudEvent(
            id: EventID.derive(from: event.id, type: type, discriminator: discriminator),
            source: "leadtrac/\(service)", type: type, time: Date(), subject: subject,
            correlationID: event.correlationID ?? event.id, causationID: event.id, data: data)
        emitted.append(outgoing.message(exchange: exchange, routingKey: routingKey ?? type, appID: service))
    }

    /// Commits what the handler wrote (e.g. a stored rejection for repair) and also sends the
    /// message to its dead-letter queue with `reason`, exactly once, through the outbox.
    public func deadLetter(_ reason: MessageRejection) {
        rejection = reason
    }
}
