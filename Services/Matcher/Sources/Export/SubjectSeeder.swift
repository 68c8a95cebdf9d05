import Foundation
import LeadTracDomain
import LeadTracStorage
import MatcherCore

/// Bulk-loads subjects (one per lead, as the matcher would have created them) with `COPY`:
/// the subject rows, their blocking keys and term values. For benchmarks that need millions of
/// existing subjects (`leadtrac bench match --subjects N`) without matching each one first.
///
/// Keys shared by more than the block cap stay in the table (a running matcher would have
/// stopped indexing them at the cap); retrieval skips them all the same, because the generic-key
/// check counts at most cap + 1 rows per key.
public struct SubjectSeeder: Sendable {
    public let schema: String

    public init(schema: String) {
        self.schema = schema
    }

    private func table(_ name: String) -> String { "\(quoteIdentifier(schema)).\(name)" }

    /// Drops the key and term indexes and foreign keys, so COPY appends without index upkeep.
    public func prepare(on db: PGConnection) throws {
        try db.executeScript(
            """
            ALTER TABLE \(table("subject_keys")) DROP CONSTRAINT subject_keys_pkey, DROP CONSTRAINT subject_keys_subject_id_fkey;
            DROP INDEX \(quoteIdentifier(schema)).subject_keys_subject;
            DROP INDEX \(quoteIdentifier(schema)).subject_keys_written;
            ALTER TABLE \(table("subject_terms")) DROP CONSTRAINT subject_terms_pkey, DROP CONSTRAINT subject_terms_subject_id_fkey;
            """)
    }

    /// Copies one subject per lead; returns (subjects, keys, terms) written.
    @discardableResult
    public func copy(_ leads: [(leadID: String, lead: CanonicalLead)], on db: PGConnection) throws -> (Int, Int, Int) {
        var subjects: [[PGValue]] = []
        var keys: [[PGValue]] = []
        var terms: [[PGValue]] = []
        subjects.reserveCapacity(leads.count)
        for (leadID, lead) in leads {
            let id = UUID().uuidString.lowercased()
            let record = MatchRecordMapper.matchRecord(for: lead)
            let profile = SubjectProfile(
                newFrom: record,
                source: SourceRef(leadID: leadID, system: lead.provenance.system, recordID: lead.provenance.sourceRecordID))
            let name: String =
                switch lead.subject {
                case .person(let person): person.name.original
                case .organisation(let organisation): organisation.name
                }
            subjects.append([
                PGValue(id), PGValue(record.kind.rawValue), PGValue(try SubjectStore.json(profile.record)),
                PGValue(try SubjectStore.json(profile.provenance)), PGValue(name), PGValue(1), PGValue([lead.category.rawValue]),
                PGValue(profile.record.packed),
            ])
            for key in blockingKeys(for: profile.record) { keys.append([PGValue(key.text), PGValue(id)]) }
            let subjectTerms = SubjectTerms(TermValues(profile.record))
            for (kind, value) in zip(subjectTerms.kinds, subjectTerms.values) {
                terms.append([PGValue(kind), PGValue(value), PGValue(id)])
            }
        }
        let s = try db.copyIn(
            "COPY \(table("subjects")) (subject_id, kind, record, provenance, primary_name, lead_count, categories, packed) FROM STDIN",
            rows: subjects)
        let k = try db.copyIn("COPY \(table("subject_keys")) (key, subject_id) FROM STDIN", rows: keys)
        let t = try db.copyIn("COPY \(table("subject_terms")) (term_kind, value, subject_id) FROM STDIN", rows: terms)
        return (s, k, t)
    }

    /// Rebuilds the indexes and foreign keys, then vacuums and analyses.
    public func finish(on db: PGConnection) throws {
        try db.executeScript(
            """
            SET maintenance_work_mem = '512MB';
            ALTER TABLE \(table("subject_keys")) ADD PRIMARY KEY (key, subject_id);
            CREATE INDEX subject_keys_subject ON \(table("subject_keys")) (subject_id);
            CREATE INDEX subject_keys_written ON \(table("subject_keys")) (written);
            ALTER TABLE \(table("subject_keys")) ADD FOREIGN KEY (subject_id) REFERENCES \(table("subjects")) (subject_id) NOT VALID;
            ALTER TABLE \(table("subject_terms")) ADD PRIMARY KEY (term_kind, value, subject_id);
            ALTER TABLE \(table("subject_terms")) ADD FOREIGN KEY (subject_id) REFERENCES \(table("subjects")) (subject_id) NOT VALID;
            """)
        // VACUUM (not allowed in a transaction block, so one statement each): it sets the
        // visibility map, without which the key and term counts (index-only scans) visit the heap
        // for every entry; a long-lived table is in that state through autovacuum.
        for name in ["subjects", "subject_keys", "subject_terms"] {
            try db.execute("VACUUM (ANALYZE) \(table(name))")
        }
    }
}
