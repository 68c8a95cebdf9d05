/// Where the decision rule draws its lines, in posterior log2 odds (``MatchScore/total``).
public struct MatchThresholds: Sendable, Hashable, Codable {
    /// At or above: link automatically (if nothing else forbids it).
    public var autoLink: Double
    /// At or above (and below `autoLink`, or blocked): a person decides.
    public var review: Double
    /// The best candidate must lead every other candidate at or above `review` by at least this
    /// many bits to be linked automatically; otherwise two subjects look alike (often a
    /// duplicate subject that should be merged) and a person must choose.
    public var ambiguityMargin: Double

    public init(autoLink: Double, review: Double, ambiguityMargin: Double) {
        self.autoLink = autoLink
        self.review = review
        self.ambiguityMargin = ambiguityMargin
    }

    /// Auto-link from posterior odds of 2^8 (≈ 99.6 %), review from 2^-6 (≈ 1.5 %), and require
    /// a lead of 2^8 over any other reviewable candidate.
    ///
    /// Why these: on synthetic populations (20,000–60,000 subjects with households and twins;
    /// leads with typos, OCR errors, swaps, nicknames, missing fields), auto-linking from 8 bits
    /// made no false link except between twins given interchangeable names (John and Jack),
    /// which no record comparison can tell from a nickname. The counter-evidence rules, not the
    /// threshold, are what stop twins and namesakes; each bit higher cost about 1 % of
    /// auto-link recall. The review threshold trades queue length for recall: on 100,000 people
    /// with 30 % further records (`leadtrac bench match`), reviewing from -4 bits kept 99.58 % of
    /// true pairs reachable with 1.32 % of leads queued, from -6 bits 99.76 % with 1.62 %
    /// (about one right candidate per four added items), inside the 2 % the review team staffs.
    public static let `default` = MatchThresholds(autoLink: 8, review: -6, ambiguityMargin: 8)
}

/// A candidate subject with its score.
public struct ScoredCandidate: Sendable, Hashable, Codable {
    public var subjectID: String
    public var score: MatchScore

    public init(subjectID: String, score: MatchScore) {
        self.subjectID = subjectID
        self.score = score
    }
}

/// Why a decision came out as it did, for the stored explanation.
public enum DecisionReason: Sendable, Hashable, Codable {
    case noCandidates
    /// The best total is below the review threshold.
    case belowReviewThreshold
    /// Between the thresholds.
    case belowAutoLinkThreshold(subjectID: String)
    /// The candidate scored high enough but counter-evidence forbids an automatic link.
    case counterEvidence(subjectID: String, [CounterEvidence])
    /// More than one candidate is close to the best.
    case ambiguous(subjectIDs: [String])
    case linked(subjectID: String)
}

/// The outcome for one lead and everything needed to explain it later.
public struct MatchDecision: Sendable, Hashable, Codable {
    public enum Outcome: Sendable, Hashable, Codable {
        case autoLink(subjectID: String)
        /// Candidates for a person to choose from, best first.
        case review(subjectIDs: [String])
        case newSubject
    }

    public var outcome: Outcome
    /// Every candidate considered, best first, with its full score.
    public var candidates: [ScoredCandidate]
    public var reasons: [DecisionReason]
    public var thresholds: MatchThresholds
}

/// Decides between auto-link, review and new subject, conservatively: a wrong link is worse
/// than a missed one.
///
/// Auto-link needs all of: the best total at or above `autoLink`; no counter-evidence on that
/// candidate (conflicting identifier, both full dates of birth disagreeing, sex disagreeing,
/// a given or family name disagreeing, which is what twins and siblings look like; a given
/// name is not counter-evidence when an identity document, the family name and the date agree,
/// see ``MatchScorer``); and no
/// other candidate within `ambiguityMargin` of it above the review threshold. Otherwise any
/// candidate at or above `review` (with or without counter-evidence) goes to review, and
/// below that the lead becomes a new subject.
public func decide(candidates: [ScoredCandidate], thresholds: MatchThresholds = .default) -> MatchDecision {
    let ranked = candidates.sorted {
        $0.score.total != $1.score.total ? $0.score.total > $1.score.total : $0.subjectID < $1.subjectID
    }
    func decision(_ outcome: MatchDecision.Outcome, _ reasons: [DecisionReason]) -> MatchDecision {
        MatchDecision(outcome: outcome, candidates: ranked, reasons: reasons, thresholds: thresholds)
    }
    guard let best = ranked.first else { return decision(.newSubject, [.noCandidates]) }
    let reviewable = ranked.filter { $0.score.total >= thresholds.review }
    if reviewable.isEmpty { return decision(.newSubject, [.belowReviewThreshold]) }
    let reviewIDs = reviewable.map(\.subjectID)

    var reasons: [DecisionReason] = []
    if best.score.total < thresholds.autoLink {
        reasons.append(.belowAutoLinkThreshold(subjectID: best.subjectID))
    }
    if best.score.total >= thresholds.autoLink && !best.score.counterEvidence.isEmpty {
        reasons.append(.counterEvidence(subjectID: best.subjectID, best.score.counterEvidence))
    }
    let rivals = reviewable.dropFirst().filter { best.score.total - $0.score.total < thresholds.ambiguityMargin }
    if best.score.total >= thresholds.autoLink && !rivals.isEmpty {
        reasons.append(.ambiguous(subjectIDs: [best.subjectID] + rivals.map(\.subjectID)))
    }
    if reasons.isEmpty { return decision(.autoLink(subjectID: best.subjectID), [.linked(subjectID: best.subjectID)]) }
    return decision(.review(subjectIDs: reviewIDs), reasons)
}

/// Convenience for callers holding tuples.
public func decide(
    candidates: [(subjectID: String, score: MatchScore)], thresholds: MatchThresholds = .default
) -> MatchDecision {
    decide(candidates: candidates.map { ScoredCandidate(subjectID: $0.subjectID, score: $0.score) }, thresholds: thresholds)
}
