import AuditCore
import Foundation
import LeadTracContracts
import LeadTracStorage

/// The append-only `events` table and its chain head.
///
/// Appends happen under a transaction-scoped advisory lock on the trail, so concurrent
/// instances (or a checkpoint run) never interleave: the chain's end read under the lock is
/// the end the new records extend, and the head row moves with them in the same statement.
struct TrailStore: Sendable {
    let schema: String
    private var events: String { "\(quoteIdentifier(schema)).events" }
    private var head: String { "\(quoteIdentifier(schema)).chain_head" }
    var lockKey: String { "leadtrac.audit.chain.\(schema)" }

    /// Appends the events not yet in the trail, in order; returns the records written.
    @discardableResult
    func append(_ batch: [AuditEvent], on db: PGConnection) throws -> [AuditRecord] {
        let row = try db.execute(
            "SELECT h.position, h.hash FROM pg_advisory_xact_lock(hashtext($1)) AS l, \(head) AS h", [PGValue(lockKey)]
        ).rows[0]
        var chain = HashChain(
            lastPosition: try row.decode(Int64.self, at: 0), lastHash: Digest32(bytes: try row.decode([UInt8].self, at: 1)) ?? .zero)
        let ids = batch.map(\.id)
        var known = Set(
            try db.execute("SELECT event_id FROM \(events) WHERE event_id = ANY($1)", [PGValue(ids)]).rows.map {
                try $0.decode(String.self, at: 0)
            })
        var records: [AuditRecord] = []
        for event in batch where known.insert(event.id).inserted {
            records.append(chain.append(event))
        }
        guard let last = records.last else { return [] }
        func hex(_ bytes: [UInt8]) -> String {
            let digits = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
            return String(decoding: out, as: UTF8.self)
        }
        /// A JSON array of strings, written by hand: this runs for every event of every batch.
        func json(_ values: [String]) -> String {
            var out = ""
            JSONText.appendStrings(values, to: &out)
            return out
        }
        var columns = Array(repeating: [String?](), count: 17)
        for record in records {
            let e = record.event
            let values: [String?] = [
                String(record.position), e.id, AuditTimestamp.text(e.millisecondsSince1970), e.actor, e.role, e.service, e.action, e.objectType,
                e.objectID, e.outcome.rawValue, e.requestID, json(e.subjectIDs), json(e.leadIDs),
                e.disclosure == nil ? "false" : "true", hex(record.canonicalEvent), hex(record.previousHash.bytes),
                hex(record.hash.bytes),
            ]
            for (index, value) in values.enumerated() { columns[index].append(value) }
        }
        try db.execute(
            """
            WITH moved AS (UPDATE \(head) SET position = $18, hash = decode($19, 'hex') RETURNING 1)
            INSERT INTO \(events) (position, event_id, time, actor, role, service, action, object_type, object_id, outcome,
                                   request_id, subject_ids, lead_ids, disclosure, canonical, previous_hash, hash)
            SELECT p::bigint, id, t::timestamptz, a, r, s, ac, ot, oi, o, rq,
                   ARRAY(SELECT jsonb_array_elements_text(si::jsonb)), ARRAY(SELECT jsonb_array_elements_text(li::jsonb)),
                   d::boolean, decode(c, 'hex'), decode(ph, 'hex'), decode(h, 'hex')
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                        $17::text[]) AS t(p, id, t, a, r, s, ac, ot, oi, o, rq, si, li, d, c, ph, h), moved
            """,
            columns.map { PGValue($0) } + [PGValue(last.position), PGValue(hex(last.hash.bytes))])
        return records
    }
}
