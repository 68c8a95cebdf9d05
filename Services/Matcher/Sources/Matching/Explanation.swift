import LeadTracContracts
import MatcherCore

/// MatcherCore's decision in the contract's value-free form.
enum Explanation {
    /// How many candidates an explanation lists (every one is counted).
    static let listedCandidates = 5

    /// - Parameter sharing: how many subjects shared a usable key (the candidates scored are the
    ///   best of them).
    static func make(_ decision: MatchDecision, sharing: Int, genericKeys: [String: Int]) -> MatchExplanation {
        MatchExplanation(
            candidatesConsidered: decision.candidates.count, subjectsSharingKeys: sharing,
            candidates: decision.candidates.prefix(listedCandidates).map(candidate),
            reasons: decision.reasons.map(reason), thresholds: thresholds(decision.thresholds),
            genericKeysSkipped: genericKeys)
    }

    static func thresholds(_ t: MatchThresholds) -> MatchExplanation.Thresholds {
        .init(autoLink: t.autoLink, review: t.review, margin: t.ambiguityMargin)
    }

    static func candidate(_ c: ScoredCandidate) -> CandidateScore {
        CandidateScore(
            subjectID: c.subjectID, total: c.score.total,
            contributions: c.score.contributions.map {
                .init(attribute: attribute($0.attribute), level: $0.level, weight: $0.weight, note: $0.note.isEmpty ? nil : $0.note)
            },
            counterEvidence: c.score.counterEvidence.map(counterEvidence))
    }

    static func attribute(_ a: MatchAttribute) -> String {
        switch a {
        case .prior: "prior"
        case .recordKind: "recordKind"
        case .familyName: "familyName"
        case .givenName: "givenName"
        case .dateOfBirth: "dateOfBirth"
        case .sex: "sex"
        case .countries: "countries"
        case .address: "address"
        case .identifier(let type, let issuer): "identifier:\(type)" + (issuer.map { ":\($0)" } ?? "")
        }
    }

    static func counterEvidence(_ e: CounterEvidence) -> String {
        switch e {
        case .conflictingIdentifier(let type, let issuer): "conflictingIdentifier:\(type)" + (issuer.map { ":\($0)" } ?? "")
        case .dateOfBirthDisagrees: "dateOfBirthDisagrees"
        case .sexDisagrees: "sexDisagrees"
        case .givenNameDisagrees: "givenNameDisagrees"
        case .givenNameUnconfirmed: "givenNameUnconfirmed"
        case .familyNameDisagrees: "familyNameDisagrees"
        case .recordKindDiffers: "recordKindDiffers"
        }
    }

    static func reason(_ r: DecisionReason) -> String {
        switch r {
        case .noCandidates: "noCandidates"
        case .belowReviewThreshold: "belowReviewThreshold"
        case .belowAutoLinkThreshold: "belowAutoLinkThreshold"
        case .counterEvidence: "counterEvidence"
        case .ambiguous: "ambiguous"
        case .linked: "linked"
        }
    }
}
