import LeadTracMessaging
import LeadTracStorage

/// The inbox: which incoming messages already have their effects committed.
///
/// Claiming a key inserts it in the caller's transaction; only the keys that were not there
/// before are returned, and only those messages are handled. If the transaction rolls back,
/// the claims vanish with it.
public struct Inbox: Sendable {
    public let schema: String
    private let claimSQL: String
    private let cleanupSQL: String

    public init(schema: String) {
        self.schema = schema
        let table = "\(quoteIdentifier(schema)).inbox"
        claimSQL = """
            INSERT INTO \(table) (message_key, queue) SELECT k, $2 FROM unnest($1::text[]) AS k
            ON CONFLICT DO NOTHING RETURNING message_key
            """
        cleanupSQL = """
            DELETE FROM \(table) WHERE message_key IN (
                SELECT message_key FROM \(table) WHERE processed_at < now() - make_interval(hours => $1) LIMIT 10000)
            """
    }

    /// Inserts the keys; returns those that were new (claimed now).
    public func claim(_ keys: [String], queue: String, on connection: PGConnection) throws -> Set<String> {
        let result = try connection.execute(claimSQL, [PGValue(keys), PGValue(queue)])
        var claimed = Set<String>(minimumCapacity: result.rowCount)
        for row in result.rows { claimed.insert(try row.decode(String.self, at: 0)) }
        return claimed
    }

    /// Forgets keys older than the retention window, in slices; returns how many were deleted.
    @discardableResult
    public func removeExpired(olderThanHours hours: Int, on connection: PGConnection) throws -> Int {
        var total = 0
        while true {
            let deleted = try connection.execute(cleanupSQL, [PGValue(Int32(hours))]).affectedRows
            total += deleted
            if deleted < 10_000 { return total }
        }
    }

    /// The inbox key of a delivery: its message id, plus the replay id when an operator replayed
    /// it from a dead-letter queue, so that a replay is handled again while a redelivery is not.
    /// A message without an id is keyed by a hash of its body: duplicates of it collapse.
    public static func key(for delivery: Delivery) -> String {
        let replay = delivery.properties.headers[DeadLetter.Header.replayID]?.stringValue
        let id = delivery.properties.messageID.flatMap { $0.isEmpty ? nil : $0 }
            ?? "body:" + EventID.derive(from: String(decoding: delivery.body, as: UTF8.self), type: "body")
        return replay.map { "\(id)~replay:\($0)" } ?? id
    }
}
