import Foundation
import LeadTracContracts
import LeadTracRuntime
import LeadTracStorage
import MatcherCore

/// Merge and split: a reviewer's corrections of the matcher's subjects, in the caller's
/// transaction.
///
/// Both first lock what the matcher's consumers lock: the advisory locks on every blocking key
/// of the subjects involved (so a lead that could find one of them waits, and then sees the
/// result), then the subject rows (`FOR UPDATE`, in id order). Then they rebuild profiles from
/// provenance (``SubjectProfile/contribution(of:)``), so every value keeps the leads that gave it.
struct SubjectChanges: Sendable {
    let store: SubjectStore
    let blockCap: Int

    private func table(_ name: String) -> String { "\(quoteIdentifier(store.schema)).\(name)" }

    /// A subject row as locked for a change.
    struct Locked {
        var subject: StoredSubject
        var status: String
        var version: Int
        var createdAt: Date
    }

    /// A lead moved from one subject to another, with the source record it came from.
    struct MovedLead: Sendable {
        var leadID: String
        var system: String
        var recordID: String?
    }

    struct Outcome: Sendable {
        /// Where the moved leads now point.
        var subjectID: String
        /// The other subject (merged away, or split from).
        var otherSubjectID: String
        var moved: [MovedLead]
        var before: AuditValue
        var after: AuditValue
    }

    // MARK: Locking

    /// Locks the subjects' blocking keys, then their rows; throws 404 for an unknown id.
    func lock(_ ids: [String], on db: PGConnection) throws -> [String: Locked] {
        let keys = try db.execute(
            "SELECT DISTINCT key FROM \(table("subject_keys")) WHERE subject_id = ANY($1::uuid[])", [PGValue(ids)]
        ).rows.map { try $0.decode(String.self, at: 0) }
        try store.lock(keys, on: db)
        let rows = try db.execute(
            """
            SELECT subject_id::text, status, version, created_at FROM \(table("subjects"))
            WHERE subject_id = ANY($1::uuid[]) ORDER BY subject_id FOR UPDATE
            """, [PGValue(ids)]
        ).rows
        var locked: [String: Locked] = [:]
        for row in rows {
            let id = try row.decode(String.self, at: 0)
            guard let subject = try store.subject(id, on: db) else { continue }
            locked[id] = Locked(
                subject: subject, status: try row.decode(String.self, at: 1), version: try row.decode(Int.self, at: 2),
                createdAt: try row.decode(Date.self, at: 3))
        }
        for id in ids where locked[id] == nil { throw Problem.notFound("subject") }
        return locked
    }

    static func checkVersion(_ locked: Locked, expected: Int?) throws {
        if let expected, expected != locked.version {
            throw Problem.preconditionFailed(detail: "the subject is at version \(locked.version), not \(expected); reload it")
        }
    }

    // MARK: Merge

    /// Merges `mergedID` into `survivorID`: the survivor gains every value (with provenance),
    /// leads, keys and terms; the other becomes `merged` pointing to it; open review items and
    /// pair decisions follow; the pair is recorded as `same`.
    func merge(
        _ mergedID: String, into survivorID: String, expectedVersion: Int?, versionOf versioned: String,
        decidedBy: String, on db: PGConnection
    ) throws -> Outcome {
        guard mergedID != survivorID else {
            throw Problem.unprocessable("merge.same-subject", detail: "a subject cannot be merged into itself")
        }
        let locked = try lock([mergedID, survivorID], on: db)
        let merged = locked[mergedID]!
        let survivor = locked[survivorID]!
        try Self.checkVersion(locked[versioned]!, expected: expectedVersion)
        guard merged.status == "active", survivor.status == "active" else {
            throw Problem.conflict("subject.not-active", detail: "both subjects must be active (one was merged already)")
        }
        guard merged.subject.profile.record.kind == survivor.subject.profile.record.kind else {
            throw Problem.conflict("subject.kind-differs", detail: "a person and an organisation cannot be merged")
        }

        var profile = survivor.subject.profile
        _ = profile.absorb(merged.subject.profile)
        let categories = Array(Set(survivor.subject.categories + merged.subject.categories)).sorted()
        try db.execute(
            """
            UPDATE \(table("subjects")) SET record = $2::jsonb, provenance = $3::jsonb,
                lead_count = lead_count + $4, categories = $5::text[], departed = COALESCE(departed, $6),
                packed = $7, version = version + 1, updated_at = now()
            WHERE subject_id = $1::uuid
            """,
            [
                PGValue(survivorID), PGValue(try SubjectStore.json(profile.record)),
                PGValue(try SubjectStore.json(profile.provenance)), PGValue(merged.subject.leadCount),
                PGValue(categories), PGValue(merged.subject.departed), PGValue(profile.record.packed),
            ])
        try db.execute(
            """
            UPDATE \(table("subjects")) SET status = 'merged', merged_into = $2::uuid, lead_count = 0,
                version = version + 1, updated_at = now()
            WHERE subject_id = $1::uuid
            """, [PGValue(mergedID), PGValue(survivorID)])
        // Subjects merged into the merged one earlier now point to the survivor directly.
        try db.execute(
            "UPDATE \(table("subjects")) SET merged_into = $2::uuid, updated_at = now() WHERE merged_into = $1::uuid",
            [PGValue(mergedID), PGValue(survivorID)])
        let moved = try repoint(from: mergedID, to: survivorID, leads: nil, on: db)
        for name in ["subject_keys", "subject_terms"] {
            let columns = name == "subject_keys" ? "key" : "term_kind, value"
            try db.execute(
                """
                INSERT INTO \(table(name)) (\(columns), subject_id)
                SELECT \(columns), $2::uuid FROM \(table(name)) WHERE subject_id = $1::uuid ON CONFLICT DO NOTHING
                """, [PGValue(mergedID), PGValue(survivorID)])
            try db.execute("DELETE FROM \(table(name)) WHERE subject_id = $1::uuid", [PGValue(mergedID)])
        }
        try repointPairDecisions(from: mergedID, to: survivorID, on: db)
        try recordPair(mergedID, survivorID, decision: "same", by: decidedBy, on: db)
        try repointReviews(from: mergedID, to: survivorID, decidedBy: decidedBy, on: db)

        return Outcome(
            subjectID: survivorID, otherSubjectID: mergedID, moved: moved,
            before: [
                "subject": Self.auditSummary(survivor), "merged": Self.auditSummary(merged),
            ],
            after: [
                "subject": [
                    "id": .string(survivorID), "version": .int(Int64(survivor.version + 1)),
                    "leadCount": .int(Int64(survivor.subject.leadCount + merged.subject.leadCount)),
                    "attributes": Self.counts(profile.record),
                ],
                "merged": ["id": .string(mergedID), "status": "merged", "mergedInto": .string(survivorID)],
                "movedLeadIDs": .array(moved.map { .string($0.leadID) }),
            ])
    }

    // MARK: Split

    /// Moves `leadIDs` of `subjectID` to a new subject holding what those leads contributed;
    /// the old subject is rebuilt from the leads it keeps. The pair is recorded as `different`.
    func split(
        _ subjectID: String, leads leadIDs: [String], expectedVersion: Int?, decidedBy: String, on db: PGConnection
    ) throws -> Outcome {
        let locked = try lock([subjectID], on: db)[subjectID]!
        try Self.checkVersion(locked, expected: expectedVersion)
        guard locked.status == "active" else {
            throw Problem.conflict("subject.not-active", detail: "the subject was merged; split its survivor")
        }
        let linked = try db.execute(
            "SELECT lead_id::text, category FROM \(table("lead_links")) WHERE subject_id = $1::uuid", [PGValue(subjectID)]
        ).rows.map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
        let moving = Set(leadIDs.map { $0.lowercased() })
        let linkedIDs = Set(linked.map(\.0))
        let strangers = leadIDs.enumerated().filter { !linkedIDs.contains($0.element.lowercased()) }
        guard strangers.isEmpty else {
            throw Problem.unprocessable(
                "split.lead-not-linked", detail: "every lead must be linked to this subject",
                errors: strangers.map { .init(code: "lead.not-linked", field: "leads[\($0.offset)]", message: "not a lead of this subject") })
        }
        guard !moving.isEmpty, moving.count < linkedIDs.count else {
            throw Problem.unprocessable(
                "split.invalid", detail: "name at least one lead to move, and leave at least one with the subject")
        }

        let old = locked.subject.profile
        let kind = old.record.kind
        let newProfile = old.rebuilt { moving.contains($0.leadID) }
            ?? SubjectProfile(record: MatchRecord(kind: kind), provenance: SubjectProvenance())
        let keptProfile = old.rebuilt { !moving.contains($0.leadID) }
            ?? SubjectProfile(record: MatchRecord(kind: kind), provenance: SubjectProvenance())
        let firstSourceMoves = old.provenance.sources.first.map { moving.contains($0.leadID) } ?? false
        let newName = firstSourceMoves ? locked.subject.primaryName : Self.displayName(newProfile.record)
        let keptName = firstSourceMoves ? Self.displayName(keptProfile.record) : locked.subject.primaryName
        let newCategories = Array(Set(linked.filter { moving.contains($0.0) }.map(\.1))).sorted()
        let keptCategories = Array(Set(linked.filter { !moving.contains($0.0) }.map(\.1))).sorted()
        let newID = UUID().uuidString.lowercased()

        try db.execute(
            """
            INSERT INTO \(table("subjects")) (subject_id, kind, record, provenance, primary_name, lead_count, categories,
                                               departed, packed)
            VALUES ($1::uuid, $2, $3::jsonb, $4::jsonb, $5, $6, $7::text[], NULL, $8)
            """,
            [
                PGValue(newID), PGValue(kind.rawValue), PGValue(try SubjectStore.json(newProfile.record)),
                PGValue(try SubjectStore.json(newProfile.provenance)), PGValue(newName), PGValue(moving.count),
                PGValue(newCategories), PGValue(newProfile.record.packed),
            ])
        try db.execute(
            """
            UPDATE \(table("subjects")) SET record = $2::jsonb, provenance = $3::jsonb, primary_name = $4,
                lead_count = lead_count - $5, categories = $6::text[], packed = $7, version = version + 1,
                updated_at = now()
            WHERE subject_id = $1::uuid
            """,
            [
                PGValue(subjectID), PGValue(try SubjectStore.json(keptProfile.record)),
                PGValue(try SubjectStore.json(keptProfile.provenance)), PGValue(keptName), PGValue(moving.count),
                PGValue(keptCategories), PGValue(keptProfile.record.packed),
            ])
        // Keys and terms rebuilt from each side's record: values only the moved leads gave no
        // longer find the old subject.
        for name in ["subject_keys", "subject_terms"] {
            try db.execute("DELETE FROM \(table(name)) WHERE subject_id = $1::uuid", [PGValue(subjectID)])
        }
        try index(keptProfile.record, subjectID: subjectID, on: db)
        try index(newProfile.record, subjectID: newID, on: db)
        let moved = try repoint(from: subjectID, to: newID, leads: Array(moving), on: db)
        try db.execute(
            """
            UPDATE \(table("review_items")) SET subject_id = $2::uuid
            WHERE subject_id = $1::uuid AND lead_id = ANY($3::uuid[]) AND status = 'open'
            """, [PGValue(subjectID), PGValue(newID), PGValue(Array(moving))])
        try recordPair(subjectID, newID, decision: "different", by: decidedBy, on: db)

        return Outcome(
            subjectID: newID, otherSubjectID: subjectID, moved: moved,
            before: ["subject": Self.auditSummary(locked), "leadIDs": .array(linked.map { .string($0.0) })],
            after: [
                "subject": [
                    "id": .string(subjectID), "version": .int(Int64(locked.version + 1)),
                    "leadCount": .int(Int64(linkedIDs.count - moving.count)), "attributes": Self.counts(keptProfile.record),
                ],
                "newSubject": [
                    "id": .string(newID), "version": 1, "leadCount": .int(Int64(moving.count)),
                    "attributes": Self.counts(newProfile.record),
                ],
                "movedLeadIDs": .array(moved.map { .string($0.leadID) }),
            ])
    }

    // MARK: Shared steps

    /// Points the links of `from` (all, or only `leads`) at `to`; returns the moved leads.
    private func repoint(from: String, to: String, leads: [String]?, on db: PGConnection) throws -> [MovedLead] {
        try db.execute(
            """
            UPDATE \(table("lead_links")) SET subject_id = $2::uuid, updated_at = now()
            WHERE subject_id = $1::uuid AND ($3::uuid[] IS NULL OR lead_id = ANY($3::uuid[]))
            RETURNING lead_id::text, source_system, source_record_id
            """, [PGValue(from), PGValue(to), PGValue(leads)]
        ).rows.map {
            MovedLead(leadID: try $0.decode(String.self, at: 0), system: try $0.decode(String.self, at: 1),
                      recordID: try $0.decode(String?.self, at: 2))
        }.sorted { $0.leadID < $1.leadID }
    }

    /// Stores the record's keys (not the generic ones, locked first) and term values.
    private func index(_ record: MatchRecord, subjectID: String, on db: PGConnection) throws {
        let keys = blockingKeys(for: record).map(\.text)
        let generic = try store.genericKeys(keys, cap: blockCap, on: db)
        try store.index(
            keys: keys.filter { !generic.contains($0) }, termsOf: record, subjectID: subjectID, lock: true, on: db)
    }

    /// Upserts a reviewer's decision about a pair of subjects.
    func recordPair(_ x: String, _ y: String, decision: String, by user: String, reason: String? = nil, on db: PGConnection) throws {
        let pair = SubjectPair(x, y)
        try db.execute(
            """
            INSERT INTO \(table("pair_decisions")) (subject_a, subject_b, decision, decided_by, reason)
            VALUES ($1::uuid, $2::uuid, $3, $4, $5)
            ON CONFLICT (subject_a, subject_b) DO UPDATE SET decision = EXCLUDED.decision,
                decided_by = EXCLUDED.decided_by, reason = EXCLUDED.reason, decided_at = now()
            """, [PGValue(pair.a), PGValue(pair.b), PGValue(decision), PGValue(user), PGValue(reason)])
    }

    /// Decisions about the merged subject now concern the survivor (an existing decision about
    /// the survivor and the same third subject wins).
    private func repointPairDecisions(from: String, to: String, on db: PGConnection) throws {
        let rows = try db.execute(
            """
            DELETE FROM \(table("pair_decisions")) WHERE subject_a = $1::uuid OR subject_b = $1::uuid
            RETURNING subject_a::text, subject_b::text, decision, decided_by, reason
            """, [PGValue(from)]
        ).rows
        for row in rows {
            let (a, b) = (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))
            let other = a == from ? b : a
            guard other != to else { continue }
            let pair = SubjectPair(to, other)
            try db.execute(
                """
                INSERT INTO \(table("pair_decisions")) (subject_a, subject_b, decision, decided_by, reason)
                VALUES ($1::uuid, $2::uuid, $3, $4, $5) ON CONFLICT DO NOTHING
                """,
                [PGValue(pair.a), PGValue(pair.b), PGValue(try row.decode(String.self, at: 2)),
                 PGValue(try row.decode(String.self, at: 3)), PGValue(try row.decode(String?.self, at: 4))])
        }
    }

    /// Open review items naming the merged subject name the survivor instead; an item whose
    /// only candidate was its own subject's other half is resolved as `merged`.
    private func repointReviews(from: String, to: String, decidedBy: String, on db: PGConnection) throws {
        let rows = try db.execute(
            """
            SELECT review_id::text, subject_id::text, candidates::text FROM \(table("review_items"))
            WHERE status = 'open' AND (subject_id = ANY($1::uuid[]) OR candidates @> jsonb_build_array(jsonb_build_object('subjectID', $2::text))
                                       OR candidates @> jsonb_build_array(jsonb_build_object('subjectID', $3::text)))
            FOR UPDATE
            """, [PGValue([from, to]), PGValue(from), PGValue(to)]
        ).rows
        for row in rows {
            let id = try row.decode(String.self, at: 0)
            let subject = try row.decode(String.self, at: 1) == from ? to : try row.decode(String.self, at: 1)
            var candidates: [SubjectStore.ReviewCandidate] = []
            for candidate in try JSONDecoder().decode(
                [SubjectStore.ReviewCandidate].self, from: Data(try row.decode(String.self, at: 2).utf8))
            {
                var c = candidate
                if c.subjectID == from { c.subjectID = to }
                if c.subjectID != subject, !candidates.contains(where: { $0.subjectID == c.subjectID }) { candidates.append(c) }
            }
            try db.execute(
                """
                UPDATE \(table("review_items")) SET subject_id = $2::uuid, candidates = $3::jsonb,
                    status = CASE WHEN $4 THEN 'merged' ELSE status END,
                    resolved_at = CASE WHEN $4 THEN now() END, resolved_by = CASE WHEN $4 THEN $5 END
                WHERE review_id = $1::uuid
                """,
                [PGValue(id), PGValue(subject), PGValue(try SubjectStore.json(candidates)), PGValue(candidates.isEmpty),
                 PGValue(decidedBy)])
        }
    }

    /// A display name made from a folded name ("avery testperson" → "Avery Testperson"), for a
    /// subject whose first lead moved away.
    static func displayName(_ record: MatchRecord) -> String {
        guard let name = record.names.first else { return "(unnamed)" }
        return [name.given, name.family].filter { !$0.isEmpty }.joined(separator: " ")
            .split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// How many values of each kind a record holds (audit before/after without the values).
    static func counts(_ record: MatchRecord) -> AuditValue {
        [
            "names": .int(Int64(record.names.count)), "identifiers": .int(Int64(record.identifiers.count)),
            "addresses": .int(Int64(record.addresses.count)), "citizenships": .int(Int64(record.citizenship.count)),
            "dateOfBirth": .bool(record.dateOfBirth != nil),
        ]
    }

    static func auditSummary(_ locked: Locked) -> AuditValue {
        [
            "id": .string(locked.subject.id), "version": .int(Int64(locked.version)), "status": .string(locked.status),
            "leadCount": .int(Int64(locked.subject.leadCount)), "attributes": counts(locked.subject.profile.record),
        ]
    }
}
