import Foundation
import IngestService
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage
import Logging

/// Ingest's stored rejections, for operators: list, show, and resubmit a corrected record.
///
/// Reads `ingest.rejections` as the admin role (a member of `leadtrac_ingest`). A resubmission is
/// published to `leadtrac.inbound` like any upstream record, with the original type and source
/// and the header `x-leadtrac-resubmits: <rejection id>`; when ingest accepts it, it marks the
/// rejection `resubmitted` in the same transaction. Nothing here prints a personal value unless
/// asked (`--body`).
struct Rejections {
    struct Summary: Codable {
        var rejectionID: String
        var receivedAt: Date
        var eventType: String
        var source: String
        var sourceRecordID: String?
        var reason: String
        var codes: [String]
        var status: String
        var body: String?
    }

    let database: PGConnection
    let schema: String

    func list(status: String?, limit: Int) throws -> [Summary] {
        try database.execute(
            """
            SELECT rejection_id::text, received_at, event_type, source_system, source_record_id, reason,
                   COALESCE((SELECT array_agg(DISTINCT p->>'code') FROM jsonb_array_elements(problems) p), '{}'), status, NULL::bytea
            FROM \(quoteIdentifier(schema)).rejections WHERE $1::text IS NULL OR status = $1
            ORDER BY received_at, rejection_id LIMIT $2
            """, [PGValue(status), PGValue(limit)]
        ).rows.map(Self.summary)
    }

    func show(_ id: String, includeBody: Bool) throws -> Summary? {
        try database.execute(
            """
            SELECT rejection_id::text, received_at, event_type, source_system, source_record_id, reason,
                   COALESCE((SELECT array_agg(DISTINCT p->>'code') FROM jsonb_array_elements(problems) p), '{}'), status,
                   CASE WHEN $2 THEN raw_body END
            FROM \(quoteIdentifier(schema)).rejections WHERE rejection_id = $1::uuid
            """, [PGValue(id), PGValue(includeBody)]
        ).rows.first.map(Self.summary)
    }

    /// Publishes `record` as a corrected version of rejection `id`; returns the event id.
    func resubmit(_ id: String, record: Data, broker: BrokerConfiguration) throws -> String {
        guard let rejection = try show(id, includeBody: false) else { throw RejectionError(message: "no rejection \(id)") }
        guard rejection.status == "open" else { throw RejectionError(message: "rejection \(id) is \(rejection.status)") }
        guard InboundLeadType(rawValue: rejection.eventType) != nil else {
            throw RejectionError(message: "rejection \(id) is of type \(rejection.eventType), which ingest does not take")
        }
        _ = try JSONDecoder().decode(InboundLeadRecord.self, from: record)  // refuse what is not a lead record
        let eventID = EventID.derive(
            from: id, type: "ingest.resubmission", discriminator: EventID.derive(from: String(decoding: record, as: UTF8.self), type: "body"))
        var message = CloudEvent(id: eventID, source: rejection.source, type: rejection.eventType, data: Array(record))
            .message(exchange: Exchange.inbound, routingKey: rejection.eventType, appID: "leadtrac-cli")
        message.properties.headers[Ingest.resubmitsHeader] = .string(id)
        let connection = try AMQPConnection(configuration: broker, name: "leadtrac resubmit", logger: Logger(label: "leadtrac.cli"))
        defer { connection.close() }
        try connection.enableConfirms()
        try connection.publish([message])
        return eventID
    }

    private static func summary(_ row: PGRow) throws -> Summary {
        Summary(
            rejectionID: try row.decode(String.self, at: 0), receivedAt: try row.decode(Date.self, at: 1),
            eventType: try row.decode(String.self, at: 2), source: try row.decode(String.self, at: 3),
            sourceRecordID: try row.decode(String?.self, at: 4), reason: try row.decode(String.self, at: 5),
            codes: try row.decode([String].self, at: 6).sorted(), status: try row.decode(String.self, at: 7),
            body: try row.decode([UInt8]?.self, at: 8).map { String(decoding: $0, as: UTF8.self) })
    }
}

struct RejectionError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
