import Foundation
import LeadTracContracts
import LeadTracStorage
import PrioritizerCore

/// Scores one lead with the active rule set, stores the score and says whether to announce it.
struct LeadScorer: Sendable {
    let store: ScoreStore

    /// Scores `facts` (already saved), stores the score, and returns the event to emit when the
    /// outcome differs from the lead's latest score (`Score.hasSameOutcome`), else nil.
    func score(
        leadID: String, subjectID: String, revision: Int, facts: Facts, rules: RuleSet, reason: LeadPrioritized.Reason,
        on db: PGConnection
    ) throws -> LeadPrioritized? {
        let previous = try store.latestScore(leadID, on: db)
        let score = rules.evaluate(facts)
        try store.saveScore(score, leadID: leadID, revision: revision, at: facts.asOf, on: db)
        if let previous, previous.hasSameOutcome(as: score) { return nil }
        return LeadPrioritized(
            leadID: leadID, revision: revision, subjectID: subjectID, points: score.points,
            priority: score.priority.description, tags: score.tags, fired: ScoreJSON.firedRules(score),
            ruleSetVersion: score.ruleSetVersion, reason: previous == nil ? .new : reason, scoredAt: facts.asOf,
            previousPriority: previous?.priority.description)
    }
}

/// The lock that keeps scoring and rule-set activation apart: handlers take it shared for each
/// lead they score, activation takes it exclusively for its whole transaction, so no lead is
/// scored with the old rules after activation has read it (and activation waits for batches in
/// flight to commit).
enum ScoringLock {
    static func shared(schema: String, on db: PGConnection) throws {
        try db.execute("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))", [PGValue(key(schema))])
    }

    static func exclusive(schema: String, on db: PGConnection) throws {
        try db.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [PGValue(key(schema))])
    }

    private static func key(_ schema: String) -> String { "\(schema):rule-set-activation" }
}
