import AuditCore
import Foundation
import Hummingbird
import LeadTracContracts
import LeadTracRuntime
import LeadTracStorage

/// The auditor API (auditor role only; every query is itself audited, with its terms and count):
///
/// - `GET /audit/events?actor=&subject=&lead=&action=&from=&to=&after=&limit=&format=json|csv`:
///   the trail, oldest first, paged by position (`after`).
/// - `GET /audit/disclosures?subject=ID`: the accounting of disclosures of one subject
///   (date, nature, purpose, recipient).
/// - `GET /audit/checkpoints/latest`: the newest signed checkpoint.
enum AuditorRoutes {
    struct Filter: Sendable {
        var actor: String?
        var subject: String?
        var lead: String?
        var action: String?
        var from: Date?
        var to: Date?
        var after: Int64
        var limit: Int

        init(_ query: [String: String]) throws {
            actor = query["actor"]
            subject = query["subject"]
            lead = query["lead"]
            action = query["action"]
            func date(_ name: String) throws -> Date? {
                guard let text = query[name] else { return nil }
                guard let date = (try? Date.ISO8601FormatStyle().parse(text))
                    ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
                else { throw Problem.badRequest("query.invalid", detail: "\(name) must be an ISO 8601 date-time", errors: [.init(code: "date.invalid-format", field: name, message: "ISO 8601 date-time")]) }
                return date
            }
            from = try date("from")
            to = try date("to")
            after = Int64(query["after"] ?? "0") ?? 0
            limit = max(1, min(Int(query["limit"] ?? "") ?? 500, 10_000))
        }

        /// The terms, for the query's own audit event.
        var terms: [String: AuditValue] {
            var terms: [String: AuditValue] = [:]
            for (key, value) in [("actor", actor), ("subject", subject), ("lead", lead), ("action", action)] {
                if let value { terms[key] = .string(value) }
            }
            if let from { terms["from"] = .string(from.formatted(.iso8601)) }
            if let to { terms["to"] = .string(to.formatted(.iso8601)) }
            return terms
        }
    }

    struct Entry: Encodable {
        var position: Int64
        var event: AuditEvent
    }

    struct DisclosureEntry: Encodable {
        var date: Date
        var nature: String
        var purpose: String
        var recipient: String
        var actor: String
        var service: String
        var eventId: String
    }

    static let auditors: Set<Role> = [.auditor]

    static func routes(_ api: APIEnvironment) -> [Route] {
        let schema = quoteIdentifier(api.schema)
        return [
            Route(.get, "/audit/events", roles: auditors, personalData: .search, summary: "Query the trail") {
                request, context in
                let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { $1 }
                let filter = try Filter(query)
                let csv = query["format"] == "csv"
                let entries = try await api.database.transaction { db -> [Entry] in
                    let rows = try db.execute(
                        """
                        SELECT position, canonical FROM \(schema).events
                        WHERE position > $1 AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR subject_ids @> ARRAY[$3])
                          AND ($4::text IS NULL OR lead_ids @> ARRAY[$4]) AND ($5::text IS NULL OR action = $5)
                          AND ($6::timestamptz IS NULL OR time >= $6) AND ($7::timestamptz IS NULL OR time < $7)
                        ORDER BY position LIMIT $8
                        """,
                        [
                            PGValue(filter.after), PGValue(filter.actor), PGValue(filter.subject), PGValue(filter.lead),
                            PGValue(filter.action), PGValue(filter.from), PGValue(filter.to), PGValue(filter.limit),
                        ]
                    ).rows
                    let entries = try rows.map { row in
                        Entry(position: try row.decode(Int64.self, at: 0), event: try CanonicalEncoding.decode(try row.decode([UInt8].self, at: 1)))
                    }
                    try api.audit.record(
                        context.auditEvent(
                            api, action: csv ? "audit.export" : "audit.query", objectType: "audit-trail",
                            subjectIDs: filter.subject.map { [$0] } ?? [], leadIDs: filter.lead.map { [$0] } ?? [],
                            details: ["terms": .object(filter.terms), "resultCount": .int(Int64(entries.count))]),
                        on: db, receipt: context.auditReceipt)
                    return entries
                }
                return csv ? try Self.csv(entries) : try .json(entries)
            },
            Route(.get, "/audit/disclosures", roles: auditors, personalData: .view, summary: "Accounting of disclosures of a subject") {
                request, context in
                guard let subject = request.uri.queryParameters.get("subject"), !subject.isEmpty else {
                    throw Problem.badRequest("query.invalid", detail: "subject is required")
                }
                let entries = try await api.database.transaction { db -> [DisclosureEntry] in
                    let rows = try db.execute(
                        "SELECT canonical FROM \(schema).events WHERE disclosure AND subject_ids @> ARRAY[$1] ORDER BY position",
                        [PGValue(subject)]
                    ).rows
                    let entries = try rows.compactMap { row -> DisclosureEntry? in
                        let event = try CanonicalEncoding.decode(try row.decode([UInt8].self, at: 0))
                        guard let disclosure = event.disclosure else { return nil }
                        return DisclosureEntry(
                            date: event.time, nature: disclosure.nature, purpose: disclosure.purpose,
                            recipient: disclosure.recipient, actor: event.actor, service: event.service, eventId: event.id)
                    }
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "audit.disclosures.view", objectType: "subject", objectID: subject, subjectIDs: [subject],
                            details: ["resultCount": .int(Int64(entries.count))]),
                        on: db, receipt: context.auditReceipt)
                    return entries
                }
                return try .json(entries)
            },
            Route(.get, "/audit/checkpoints/latest", roles: auditors, summary: "The newest signed checkpoint") { _, _ in
                let latest = try await api.database.run { db in
                    try db.execute(
                        "SELECT tree_size, merkle_root, chain_head, signed_at, key_id, signature FROM \(schema).checkpoints ORDER BY tree_size DESC LIMIT 1"
                    ).rows.first.map { row in
                        Checkpoint(
                            treeSize: try row.decode(Int64.self, at: 0),
                            merkleRoot: Digest32(bytes: try row.decode([UInt8].self, at: 1)) ?? .zero,
                            chainHead: Digest32(bytes: try row.decode([UInt8].self, at: 2)) ?? .zero,
                            time: try row.decode(Date.self, at: 3), keyID: try row.decode(String.self, at: 4),
                            signature: Data(try row.decode([UInt8].self, at: 5)))
                    }
                }
                guard let latest else { throw Problem.notFound("checkpoint") }
                return try .json(latest)
            },
        ]
    }

    /// The entries as CSV: position, time, actor, role, service, action, object, outcome, request, subjects, leads.
    static func csv(_ entries: [Entry]) throws -> Response {
        func field(_ text: String?) -> String {
            guard let text else { return "" }
            return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var out = "position,time,actor,role,service,action,object_type,object_id,outcome,request_id,subject_ids,lead_ids\n"
        for entry in entries {
            let e = entry.event
            out += [
                String(entry.position), e.time.formatted(.iso8601), e.actor, e.role, e.service, e.action, e.objectType,
                e.objectID, e.outcome.rawValue, e.requestID, e.subjectIDs.joined(separator: " "), e.leadIDs.joined(separator: " "),
            ].map(field).joined(separator: ",") + "\n"
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: out)))
    }
}
