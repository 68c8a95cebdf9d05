import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracStorage

/// The outbox: messages to publish, written in the transaction that produced them.
///
/// `enqueue` adds any number of messages with one statement and notifies the relay when the
/// transaction commits. The relay (`OutboxRelay`) takes a slice, deleting it with
/// `FOR UPDATE SKIP LOCKED` (so several instances can relay side by side), publishes it with
/// confirms and commits: a crash before the commit puts the slice back, and it is published
/// again with the same message ids.
public struct Outbox: Sendable {
    public let schema: String
    private let enqueueSQL: String
    private let takeSQL: String
    private let countSQL: String

    /// A message read back from the table, with its position for the delete.
    public struct Entry: Sendable {
        public var sequence: Int64
        public var message: OutgoingMessage
    }

    public init(schema: String) {
        self.schema = schema
        let table = "\(quoteIdentifier(schema)).outbox"
        // The bodies travel as one binary parameter ($8, end to end), each cut out by its offset
        // and length: no hex digits for either side to write and read, nor an array literal of them.
        enqueueSQL = """
            WITH added AS (
                INSERT INTO \(table) (message_id, exchange, routing_key, message_type, content_type, correlation_id, headers, body)
                SELECT id, ex, rk, ty, ct, co, h::jsonb, substring($8::bytea FROM o FOR n)
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $9::int[], $10::int[])
                    AS t(id, ex, rk, ty, ct, co, h, o, n)
                RETURNING 1)
            SELECT pg_notify($11, ''), (SELECT count(*) FROM added)
            """
        // By row address (a TID scan): the rows are locked by the same statement, so their
        // addresses hold. Deleting by `seq = ANY(…)` let the planner, which sees a queue table as
        // nearly empty between vacuums, scan every page of dead rows for each slice.
        takeSQL = """
            DELETE FROM \(table)
            WHERE ctid = ANY(ARRAY(SELECT ctid FROM \(table) ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED))
            RETURNING seq, message_id, exchange, routing_key, message_type, content_type, correlation_id, headers::text, body
            """
        countSQL = "SELECT count(*) FROM \(table)"
    }

    /// Adds the messages in the caller's transaction.
    public func enqueue(_ messages: [OutgoingMessage], on connection: PGConnection) throws {
        guard !messages.isEmpty else { return }
        var columns = Array(repeating: [String?](), count: 7)
        for index in columns.indices { columns[index].reserveCapacity(messages.count) }
        var bodies: [UInt8] = []
        bodies.reserveCapacity(messages.reduce(0) { $0 + $1.body.count })
        var offsets: [Int32] = []  // 1-based, as substring counts
        var lengths: [Int32] = []
        for message in messages {
            let properties = message.properties
            columns[0].append(properties.messageID ?? EventID.random())
            columns[1].append(message.exchange)
            columns[2].append(message.routingKey)
            columns[3].append(properties.type)
            columns[4].append(properties.contentType)
            columns[5].append(properties.correlationID)
            columns[6].append(try Self.headersJSON(properties.headers))
            offsets.append(Int32(bodies.count + 1))
            lengths.append(Int32(message.body.count))
            bodies.append(contentsOf: message.body)
        }
        var parameters = columns.map { PGValue($0) }
        parameters += [.bytes(bodies), PGValue(offsets), PGValue(lengths), PGValue(SpineSchema.outboxChannel(schema: schema))]
        try connection.execute(enqueueSQL, parameters)
    }

    /// Deletes and returns up to `limit` of the oldest messages, oldest first. Call inside a
    /// transaction, and commit only once they are published: a rollback puts them back.
    public func take(_ limit: Int, on connection: PGConnection) throws -> [Entry] {
        // The oldest rows by the primary key's order, not by reading the whole table: between
        // vacuums a queue table is mostly dead rows, which a sequential scan reads on every take
        // (~380 buffers per lead at batch 1 in the matcher's benchmark), and the planner, which
        // sees it nearly empty, would choose one.
        try connection.execute("SET LOCAL enable_seqscan = off")
        let decoder = JSONDecoder()
        return try connection.execute(takeSQL, [PGValue(Int32(limit))]).rows.map { row in
            let headers = try decoder.decode(
                [String: FieldValue].self, from: Data(try row.decode(String.self, at: 7).utf8))
            let properties = MessageProperties(
                contentType: try row.decode(String?.self, at: 5), messageID: try row.decode(String.self, at: 1),
                correlationID: try row.decode(String?.self, at: 6), type: try row.decode(String?.self, at: 4),
                headers: headers)
            let message = OutgoingMessage(
                exchange: try row.decode(String.self, at: 2), routingKey: try row.decode(String.self, at: 3),
                properties: properties, body: try row.decode([UInt8].self, at: 8))
            return Entry(sequence: try row.decode(Int64.self, at: 0), message: message)
        }
        .sorted { $0.sequence < $1.sequence }  // RETURNING has no order
    }

    /// Messages waiting to be published.
    public func backlog(on connection: PGConnection) throws -> Int {
        try connection.execute(countSQL).rows[0].decode(Int.self, at: 0)
    }

    /// The headers as a JSON object (`FieldValue`'s `Codable` form). Headers of strings,
    /// integers and booleans (every CloudEvents attribute) are written by hand: `JSONEncoder`
    /// showed in the matcher's profile at one call per outgoing message. Others use it.
    static func headersJSON(_ headers: [String: FieldValue]) throws -> String {
        var out = "{"
        for (index, name) in headers.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(name, to: &out)
            out += ":"
            switch headers[name]! {
            case .string(let text): JSONText.appendString(text, to: &out)
            case .int(let number): out += String(number)
            case .bool(let flag): out += flag ? "true" : "false"
            default: return String(decoding: try ContractCoding.encoder().encode(headers), as: UTF8.self)
            }
        }
        return out + "}"
    }
}
