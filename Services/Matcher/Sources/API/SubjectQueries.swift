import Foundation
import LeadTracRuntime
import LeadTracStorage
import MatcherCore

/// Reads for the review API: one subject in detail, review items with their subjects.
struct SubjectQueries: Sendable {
    let store: SubjectStore

    private func table(_ name: String) -> String { "\(quoteIdentifier(store.schema)).\(name)" }

    /// A source (lead) as shown with a value: which lead, from which system and record.
    struct Source: Encodable, Sendable {
        var leadId: String
        var system: String
        var recordId: String?
    }

    struct Valued<Value: Encodable & Sendable>: Encodable, Sendable {
        var value: Value
        /// Indices into the detail's `sources`.
        var sources: [Int]
    }

    struct Name: Encodable, Sendable {
        var given: String
        var family: String
    }

    struct Identifier: Encodable, Sendable {
        var type: String
        var issuer: String?
        var value: String
    }

    struct Address: Encodable, Sendable {
        var line: String
        var zip5: String?
    }

    struct Lead: Encodable, Sendable {
        var leadId: String
        var revision: Int
        var decision: String
        var score: Double?
        var category: String
        var sourceSystem: String
        var sourceRecordId: String?
        var reviewId: String?
        var linkedAt: Date
    }

    struct Detail: Encodable, Sendable {
        var subjectId: String
        var kind: String
        var status: String
        var mergedInto: String?
        var version: Int
        var primaryName: String
        var leadCount: Int
        var categories: [String]
        var departed: Bool?
        var createdAt: Date
        var updatedAt: Date
        var names: [Valued<Name>]
        var dateOfBirth: Valued<String>?
        var sex: Valued<String>?
        var countryOfBirth: Valued<String>?
        var citizenship: [Valued<String>]
        var identifiers: [Valued<Identifier>]
        var addresses: [Valued<Address>]
        var schoolCode: Valued<String>?
        var sources: [Source]
        var leads: [Lead]

        /// What the view showed, for its audit event.
        static let fields: [String] = [
            "names", "dateOfBirth", "sex", "countryOfBirth", "citizenship", "identifiers", "addresses", "schoolCode",
            "sources", "leads",
        ]
    }

    /// The subject as stored (not following a merge: a merged subject shows `mergedInto`).
    func detail(_ id: String, on db: PGConnection) throws -> Detail? {
        guard let row = try db.execute(
            """
            SELECT subject_id::text, kind, status, merged_into::text, version, primary_name, lead_count, categories,
                   departed, created_at, updated_at, record::text, provenance::text
            FROM \(table("subjects")) WHERE subject_id = $1::uuid
            """, [PGValue(id)]
        ).rows.first else { return nil }
        let decoder = JSONDecoder()
        let profile = SubjectProfile(
            record: try decoder.decode(MatchRecord.self, from: Data(try row.decode(String.self, at: 11).utf8)),
            provenance: try decoder.decode(SubjectProvenance.self, from: Data(try row.decode(String.self, at: 12).utf8)))
        let record = profile.record
        let p = profile.provenance
        func single<T: Encodable & Sendable>(_ value: T?, _ sources: [Int]) -> Valued<T>? { value.map { Valued(value: $0, sources: sources) } }
        let leads = try db.execute(
            """
            SELECT lead_id::text, revision, decision, score, category, source_system, source_record_id, review_id::text, linked_at
            FROM \(table("lead_links")) WHERE subject_id = $1::uuid ORDER BY linked_at, lead_id
            """, [PGValue(id)]
        ).rows.map { row in
            Lead(
                leadId: try row.decode(String.self, at: 0), revision: try row.decode(Int.self, at: 1),
                decision: try row.decode(String.self, at: 2), score: try row.decode(Double?.self, at: 3),
                category: try row.decode(String.self, at: 4), sourceSystem: try row.decode(String.self, at: 5),
                sourceRecordId: try row.decode(String?.self, at: 6), reviewId: try row.decode(String?.self, at: 7),
                linkedAt: try row.decode(Date.self, at: 8))
        }
        return Detail(
            subjectId: try row.decode(String.self, at: 0), kind: try row.decode(String.self, at: 1),
            status: try row.decode(String.self, at: 2), mergedInto: try row.decode(String?.self, at: 3),
            version: try row.decode(Int.self, at: 4), primaryName: try row.decode(String.self, at: 5),
            leadCount: try row.decode(Int.self, at: 6), categories: try row.decode([String].self, at: 7),
            departed: try row.decode(Bool?.self, at: 8), createdAt: try row.decode(Date.self, at: 9),
            updatedAt: try row.decode(Date.self, at: 10),
            names: zip(record.names, p.names).map { Valued(value: Name(given: $0.given, family: $0.family), sources: $1) },
            dateOfBirth: single(record.dateOfBirth?.description, p.dateOfBirth),
            sex: single(record.sex?.rawValue, p.sex), countryOfBirth: single(record.countryOfBirth, p.countryOfBirth),
            citizenship: zip(record.citizenship, p.citizenship).map { Valued(value: $0, sources: $1) },
            identifiers: zip(record.identifiers, p.identifiers).map {
                Valued(value: Identifier(type: $0.type, issuer: $0.issuer, value: $0.value), sources: $1)
            },
            addresses: zip(record.addresses, p.addresses).map { Valued(value: Address(line: $0.line, zip5: $0.zip5), sources: $1) },
            schoolCode: single(record.schoolCode, p.schoolCode),
            sources: p.sources.map { Source(leadId: $0.leadID, system: $0.system, recordId: $0.recordID) },
            leads: leads)
    }

    // MARK: Reviews

    /// What a reviewer needs to compare a subject at a glance.
    struct SubjectBrief: Encodable, Sendable {
        var subjectId: String
        var status: String
        var primaryName: String
        var dateOfBirth: String?
        var identifierCount: Int
        var leadCount: Int
        var version: Int
    }

    struct Candidate: Encodable, Sendable {
        var subject: SubjectBrief?
        var score: Double
        var decision: String?
    }

    struct PastDecision: Encodable, Sendable {
        var decision: String
        var candidate: String?
        var decidedBy: String
        var note: String?
        var decidedAt: Date
    }

    struct Review: Encodable, Sendable {
        var reviewId: String
        var leadId: String
        var revision: Int
        var status: String
        var createdAt: Date
        var resolvedAt: Date?
        var resolvedBy: String?
        var subject: SubjectBrief?
        var candidates: [Candidate]
        var decisions: [PastDecision]

        var subjectIDs: [String] { ([subject?.subjectId] + candidates.map { $0.subject?.subjectId }).compactMap { $0 } }
    }

    /// Review items of `status` (`open`, `merged`, `distinct`, `dismissed`, or nil for all), oldest first.
    func reviews(status: String?, id: String? = nil, limit: Int, forUpdate: Bool = false, on db: PGConnection) throws -> [Review] {
        let rows = try db.execute(
            """
            SELECT review_id::text, lead_id::text, revision, status, created_at, resolved_at, resolved_by,
                   subject_id::text, candidates::text
            FROM \(table("review_items"))
            WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR review_id = $2::uuid)
            ORDER BY created_at, review_id LIMIT $3 \(forUpdate ? "FOR UPDATE" : "")
            """, [PGValue(status), PGValue(id), PGValue(limit)]
        ).rows
        let decoder = JSONDecoder()
        var reviews: [Review] = []
        for row in rows {
            let reviewID = try row.decode(String.self, at: 0)
            let subjectID = try row.decode(String.self, at: 7)
            let stored = try decoder.decode([SubjectStore.ReviewCandidate].self, from: Data(try row.decode(String.self, at: 8).utf8))
            let briefs = try self.briefs([subjectID] + stored.map(\.subjectID), on: db)
            let pairs = try store.pairDecisions(among: [subjectID] + stored.map(\.subjectID), on: db)
            let decisions = try db.execute(
                """
                SELECT decision, candidate::text, decided_by, note, decided_at FROM \(table("review_decisions"))
                WHERE review_id = $1::uuid ORDER BY id
                """, [PGValue(reviewID)]
            ).rows.map {
                PastDecision(
                    decision: try $0.decode(String.self, at: 0), candidate: try $0.decode(String?.self, at: 1),
                    decidedBy: try $0.decode(String.self, at: 2), note: try $0.decode(String?.self, at: 3),
                    decidedAt: try $0.decode(Date.self, at: 4))
            }
            reviews.append(
                Review(
                    reviewId: reviewID, leadId: try row.decode(String.self, at: 1), revision: try row.decode(Int.self, at: 2),
                    status: try row.decode(String.self, at: 3), createdAt: try row.decode(Date.self, at: 4),
                    resolvedAt: try row.decode(Date?.self, at: 5), resolvedBy: try row.decode(String?.self, at: 6),
                    subject: briefs[subjectID],
                    candidates: stored.map {
                        Candidate(subject: briefs[$0.subjectID], score: $0.score, decision: pairs[SubjectPair(subjectID, $0.subjectID)])
                    },
                    decisions: decisions))
        }
        return reviews
    }

    private func briefs(_ ids: [String], on db: PGConnection) throws -> [String: SubjectBrief] {
        let decoder = JSONDecoder()
        var out: [String: SubjectBrief] = [:]
        for row in try db.execute(
            """
            SELECT subject_id::text, status, primary_name, record::text, lead_count, version
            FROM \(table("subjects")) WHERE subject_id = ANY($1::uuid[])
            """, [PGValue(ids)]
        ).rows {
            let record = try decoder.decode(MatchRecord.self, from: Data(try row.decode(String.self, at: 3).utf8))
            let id = try row.decode(String.self, at: 0)
            out[id] = SubjectBrief(
                subjectId: id, status: try row.decode(String.self, at: 1), primaryName: try row.decode(String.self, at: 2),
                dateOfBirth: record.dateOfBirth?.description,
                identifierCount: record.identifiers.count + (record.schoolCode == nil ? 0 : 1),
                leadCount: try row.decode(Int.self, at: 4), version: try row.decode(Int.self, at: 5))
        }
        return out
    }
}
