import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import PrioritizerCore

/// What-if runs and activation of a new rule set over every open lead.
///
/// Both read the open leads' facts in pages of ``pageSize`` by lead id and score them as of one
/// moment. Activation runs in one transaction under the exclusive scoring lock (``ScoringLock``):
/// consumers wait for it (about a minute at a million open leads) and then score with the new
/// rules, so no lead is left scored by the old ones, and a failure leaves everything as it was.
public struct RuleSetActivation: Sendable {
    public let schema: String
    public var pageSize = 20_000
    let rules: RuleSetStore
    let store: ScoreStore

    public init(schema: String) {
        self.schema = schema
        rules = RuleSetStore(schema: schema)
        store = ScoreStore(schema: schema)
    }

    /// The result of an activation.
    public struct Report: Sendable, Codable, Hashable {
        public var previousVersion: String
        public var version: String
        /// The version was already active: nothing was re-scored.
        public var alreadyActive: Bool
        /// Open leads re-scored.
        public var rescored: Int
        /// Of those, leads whose points or priority changed (each announced with `lead.prioritized.v1`).
        public var changed: Int
        /// Changes by priority, `P3→P2`: count (points-only changes are counted under `P3→P3`).
        public var transitions: [String: Int]
    }

    /// Parses and validates a rule file.
    public static func validate(yaml: String, file: String) throws(RuleSetError) -> RuleSet {
        try RuleSet.parse(yaml: yaml, file: file)
    }

    /// Compares `candidate` with the active rule set over every open lead, as of `asOf`.
    /// Reads in one repeatable-read, read-only transaction (a consistent snapshot; writes go on).
    public func diff(_ candidate: RuleSet, asOf: Date = Date(), exampleLimit: Int = 5, on db: PGConnection) throws -> DiffReport {
        try db.transaction { db in
            try db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            let active = try rules.active(on: db, seed: false)
            var failure: (any Error)?
            let leads = OpenLeads(store: store, pageSize: pageSize, asOf: asOf, db: db) { failure = $0 }
            let report = RuleSetDiff.compute(old: active, new: candidate, over: leads, exampleLimit: exampleLimit)
            if let failure { throw failure }
            return report
        }
    }

    /// Makes `candidate` the active rule set and re-scores every open lead with it: each gets a
    /// score of the new version; those whose points or priority changed are announced
    /// (`lead.prioritized.v1`, reason `ruleSetActivated`) through the outbox; the activation is
    /// audited (`ruleset.activate`), all in one transaction.
    /// - Parameters:
    ///   - user: who activates (an account id), recorded as `activated_by` and the audit actor.
    ///   - role: the role they act in (`supervisor`).
    public func activate(
        _ candidate: RuleSet, yaml: String, file: String, by user: String, role: String = "supervisor",
        requestID: String? = nil, asOf: Date = Date(), on db: PGConnection, progress: (Int) -> Void = { _ in }
    ) throws -> Report {
        try db.transaction { db in
            try ScoringLock.exclusive(schema: schema, on: db)
            let previous = try rules.active(on: db)
            var report = Report(
                previousVersion: previous.version, version: candidate.version, alreadyActive: false, rescored: 0, changed: 0,
                transitions: [:])
            if previous.version == candidate.version {
                report.alreadyActive = true
            } else {
                try rules.makeActive(candidate, yaml: yaml, file: file, by: user, on: db)
                try rescore(candidate, previous: previous, asOf: asOf, report: &report, on: db, progress: progress)
            }
            let audit = AuditTrail(service: Prioritizer.name, schema: schema)
            try audit.record(
                AuditEvent(
                    id: EventID.random(), time: Date(), actor: user, role: role, service: Prioritizer.name,
                    action: "ruleset.activate", objectType: "rule-set", objectID: candidate.version, outcome: .allowed,
                    requestID: requestID,
                    details: [
                        "previousVersion": .string(previous.version), "declaredVersion": .string(candidate.declaredVersion),
                        "file": .string(file), "alreadyActive": .bool(report.alreadyActive),
                        "rescored": .int(Int64(report.rescored)), "changed": .int(Int64(report.changed)),
                    ]),
                on: db)
            return report
        }
    }

    private func rescore(
        _ candidate: RuleSet, previous: RuleSet, asOf: Date, report: inout Report, on db: PGConnection,
        progress: (Int) -> Void
    ) throws {
        // Rows of this version from an earlier activation of it are stale: they are replaced.
        try db.execute("DELETE FROM \(store.scores) WHERE rule_set_version = $1", [PGValue(candidate.version)])
        let activationID = EventID.random()
        let outbox = Outbox(schema: schema)
        let encoder = ContractCoding.encoder()
        let version = PGValue(candidate.version)
        let scoredAt = PGValue(asOf)
        var last = "00000000-0000-0000-0000-000000000000"
        while true {
            let rows = try db.execute(
                """
                SELECT f.lead_id::text, f.subject_id::text, f.revision, s.points, s.tier, \(FactColumns.list(qualifiedBy: "f"))
                FROM \(store.facts) f LEFT JOIN \(store.scores) s ON s.lead_id = f.lead_id AND s.rule_set_version = $2
                WHERE f.open AND f.lead_id > $1::uuid ORDER BY f.lead_id LIMIT $3
                """, [PGValue(last), PGValue(previous.version), PGValue(pageSize)]
            ).rows
            guard !rows.isEmpty else { break }
            var copyRows: [[PGValue]] = []
            copyRows.reserveCapacity(rows.count)
            var messages: [OutgoingMessage] = []
            for row in rows {
                let leadID = try row.decode(String.self, at: 0)
                let revision = try row.decode(Int.self, at: 2)
                let oldPoints = try row.decode(Int?.self, at: 3)
                let oldTier = try row.decode(String?.self, at: 4)
                let facts = try FactColumns.facts(row, from: 5, asOf: asOf)
                let score = candidate.evaluate(facts)
                let tier = score.priority.description
                copyRows.append([
                    PGValue(leadID), version, PGValue(revision), PGValue(score.points), PGValue(tier),
                    PGValue(ScoreJSON.encode(score)), scoredAt,
                ])
                guard oldPoints != score.points || oldTier != tier else { continue }
                report.changed += 1
                report.transitions["\(oldTier ?? "none")→\(tier)", default: 0] += 1
                let subjectID = try row.decode(String.self, at: 1)
                let announcement = LeadPrioritized(
                    leadID: leadID, revision: revision, subjectID: subjectID, points: score.points, priority: tier,
                    tags: score.tags, fired: ScoreJSON.firedRules(score), ruleSetVersion: score.ruleSetVersion,
                    reason: .ruleSetActivated, scoredAt: asOf, previousPriority: oldTier)
                let cloudEvent = CloudEvent(
                    id: EventID.derive(from: activationID, type: EventType.leadPrioritized, discriminator: leadID),
                    source: "leadtrac/\(Prioritizer.name)", type: EventType.leadPrioritized, time: asOf, subject: leadID,
                    correlationID: activationID, data: Array(try encoder.encode(announcement)))
                messages.append(
                    cloudEvent.message(exchange: Exchange.events, routingKey: EventType.leadPrioritized, appID: Prioritizer.name))
            }
            _ = try db.copyIn(
                "COPY \(store.scores) (lead_id, rule_set_version, revision, points, tier, score, scored_at) FROM STDIN",
                rows: copyRows)
            for start in stride(from: 0, to: messages.count, by: 2_000) {
                try outbox.enqueue(Array(messages[start..<min(start + 2_000, messages.count)]), on: db)
            }
            report.rescored += rows.count
            progress(report.rescored)
            last = try rows[rows.count - 1].decode(String.self, at: 0)
        }
    }
}

/// The open leads' facts, read page by page as a sequence (for `RuleSetDiff.compute`). A
/// database error ends the sequence and is handed to `failed`.
struct OpenLeads: Sequence {
    let store: ScoreStore
    let pageSize: Int
    let asOf: Date
    let db: PGConnection
    let failed: ((any Error)) -> Void

    struct Iterator: IteratorProtocol {
        let leads: OpenLeads
        var page: [(id: String, facts: Facts)] = []
        var index = 0
        var last = "00000000-0000-0000-0000-000000000000"
        var done = false

        mutating func next() -> (id: String, facts: Facts)? {
            if index == page.count {
                guard !done else { return nil }
                do {
                    page = try leads.db.execute(
                        """
                        SELECT lead_id::text, \(FactColumns.list) FROM \(leads.store.facts)
                        WHERE open AND lead_id > $1::uuid ORDER BY lead_id LIMIT $2
                        """, [PGValue(last), PGValue(leads.pageSize)]
                    ).rows.map { row in
                        (try row.decode(String.self, at: 0), try FactColumns.facts(row, from: 1, asOf: leads.asOf))
                    }
                } catch {
                    leads.failed(error)
                    page = []
                }
                index = 0
                if page.count < leads.pageSize { done = true }
                guard let final = page.last else { return nil }
                last = final.id
            }
            defer { index += 1 }
            return page[index]
        }
    }

    func makeIterator() -> Iterator { Iterator(leads: self) }
}
