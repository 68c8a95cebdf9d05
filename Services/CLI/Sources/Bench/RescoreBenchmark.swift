import Foundation
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Logging
import PrioritizerCore
import PrioritizerService

/// `leadtrac bench rescore`: the prioritizer's bulk operations over many open leads.
///
/// A fresh schema gets `openLeads` synthetic leads' facts and their scores under the default
/// rule set (loaded with COPY, not timed), then:
/// - **diff**: `RuleSetActivation.diff` of a candidate rule set against the active one;
/// - **activate**: `RuleSetActivation.activate` of the candidate: every open lead re-scored and
///   its score stored, `lead.prioritized.v1` outbox rows for the changed ones, one transaction.
///
/// The candidate is the default with two changes a supervisor might make: criminal history
/// guarantees P2 (and weighs 150), and a recent US address means the last 90 days.
public struct RescoreBenchmark {
    let database: DatabaseConfiguration
    let logger: Logger

    public init(database: DatabaseConfiguration) {
        self.database = database
        var logger = Logger(label: "leadtrac.bench")
        logger.logLevel = .error
        self.logger = logger
    }

    public struct Result {
        public var load: Double
        public var diff: DiffReport
        public var diffSeconds: Double
        public var activation: RuleSetActivation.Report
        public var activateSeconds: Double
    }

    static var candidateYAML: String {
        DefaultRules.yaml
            .replacingOccurrences(of: "version: \"2025.06\"", with: "version: \"2025.07-bench\"")
            .replacingOccurrences(
                of: "    when: { fact: risk.criminal_history, eq: true }\n    points: 100\n",
                with: "    when: { fact: risk.criminal_history, eq: true }\n    points: 150\n    minimum_tier: P2\n")
            .replacingOccurrences(of: "within_days: 180 }", with: "within_days: 90 }")
    }

    public func run(openLeads count: Int, keep: Bool, progress: (String) -> Void) throws -> Result {
        let schema = TestServers.uniqueName("bench_rescore")
        let db = try PGConnection(configuration: database, logger: logger)
        defer {
            if !keep { _ = try? db.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
            db.close()
        }
        try Migrator().migrate(schema: schema, migrations: SpineSchema.migrations + Prioritizer.migrations, on: db, logger: logger)
        let asOf = Date()
        let defaults = try RuleSet.parse(yaml: DefaultRules.yaml, file: DefaultRules.fileName)
        let candidate = try RuleSet.parse(yaml: Self.candidateYAML, file: "candidate.yaml")
        precondition(candidate.version != defaults.version, "the candidate must differ from the default")

        let loadStart = ContinuousClock.now
        // Seeds the default as the active rule set.
        _ = try RuleSetStore(schema: schema).active(on: db)
        try db.executeScript("ALTER TABLE \(schema).scores DROP CONSTRAINT scores_pkey")
        let slice = 200_000
        for first in stride(from: 0, to: count, by: slice) {
            let leads = (first..<min(first + slice, count)).map { Self.lead($0, asOf: asOf) }
            _ = try db.copyIn(
                "COPY \(schema).lead_facts (lead_id, subject_id, revision, \(FactColumns.list)) FROM STDIN",
                rows: leads.lazy.map { [PGValue($0.id), PGValue($0.subject), PGValue(1)] + FactColumns.values($0.facts) })
            _ = try db.copyIn(
                "COPY \(schema).scores (lead_id, rule_set_version, revision, points, tier, score, scored_at) FROM STDIN",
                rows: leads.lazy.map { lead in
                    let score = defaults.evaluate(lead.facts)
                    return [
                        PGValue(lead.id), PGValue(defaults.version), PGValue(1), PGValue(score.points),
                        PGValue(score.priority.description), PGValue(ScoreJSON.encode(score)), PGValue(asOf),
                    ]
                })
            progress("loaded \(min(first + slice, count)) leads")
        }
        try db.executeScript(
            """
            ALTER TABLE \(schema).scores ADD PRIMARY KEY (lead_id, rule_set_version);
            ANALYZE \(schema).lead_facts; ANALYZE \(schema).scores;
            """)
        let load = (ContinuousClock.now - loadStart).seconds

        let activation = RuleSetActivation(schema: schema)
        let diffStart = ContinuousClock.now
        let diff = try activation.diff(candidate, asOf: asOf, on: db)
        let diffSeconds = (ContinuousClock.now - diffStart).seconds
        progress("diff done: \(diff.changedTier) priority changes")

        let activateStart = ContinuousClock.now
        let report = try activation.activate(candidate, yaml: Self.candidateYAML, file: "candidate.yaml", by: "bench", asOf: asOf, on: db) {
            if $0 % 200_000 == 0 { progress("re-scored \($0) leads") }
        }
        let activateSeconds = (ContinuousClock.now - activateStart).seconds
        return Result(load: load, diff: diff, diffSeconds: diffSeconds, activation: report, activateSeconds: activateSeconds)
    }

    /// A synthetic lead: deterministic by index, with the mix of a real backlog (mostly plain
    /// overstays; a few per cent with wants and warrants, criminal history, national security).
    static func lead(_ index: Int, asOf: Date) -> (id: String, subject: String, facts: Facts) {
        var random = SplitMix64(seed: UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        func chance(_ p: Double) -> Bool { random.unit() < p }
        func daysAgo(_ days: Int) -> Date { asOf.addingTimeInterval(-Double(days) * 86_400) }
        var facts = Facts(asOf: asOf)
        let organisation = chance(0.03)
        facts[.leadKind] = .string(organisation ? "organisation" : "person")
        let roll = random.unit()
        let category =
            organisation
            ? (roll < 0.8 ? "organisationCompliance" : "fraud")
            : roll < 0.72 ? "overstay" : roll < 0.84 ? "statusViolation" : roll < 0.92 ? "absentWithoutLeave"
                : roll < 0.97 ? "fraud" : roll < 0.995 ? "wantedNotice" : "visaRevokedNationalSecurity"
        facts[.leadCategory] = .string(category)
        facts[.leadSource] = .string(chance(0.7) ? "bench/targeting" : "bench/partner")
        facts[.leadReceivedAt] = .date(daysAgo(random.below(700)))
        facts[.subjectPriorLeads] = .number(Double(chance(0.2) ? random.below(4) : 0))
        facts[.subjectCategories] = .set([category])
        if chance(0.05) { facts[.subjectDeparted] = .bool(true) }
        if chance(0.01) { facts[.subjectProtected] = .bool(true) }
        if chance(0.6) { facts[.addressUSLastSeen] = .date(daysAgo(random.below(400))) }
        if !organisation {
            facts[.riskNationalSecurity] = .bool(chance(0.005))
            facts[.riskWantsWarrants] = .bool(chance(0.03))
            facts[.riskCriminalHistory] = .bool(chance(0.08))
            facts[.riskIndicators] = .set([])
            facts[.visaClass] = .string(["B2", "F1", "H1B", "J1"][random.below(4)])
            facts[.visaAdmittedUntil] = .date(daysAgo(random.below(900) - 30))
        }
        let id = String(format: "00000000-0000-4000-8000-%012lx", index)
        let subject = String(format: "00000000-0000-4000-9000-%012lx", index / 2)
        return (id, subject, facts)
    }
}

/// A small deterministic generator (Steele, Lea, Flood 2014), so a run is repeatable.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
