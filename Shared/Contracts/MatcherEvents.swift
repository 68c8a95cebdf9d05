import Foundation
import LeadTracDomain

/// `lead.matched.v1` on `leadtrac.events`: the matcher's decision for one revision of a lead.
///
/// Every `lead.received.v1` yields exactly one of these (a re-delivered or replayed message
/// yields the same decision again). It carries the lead itself, so the prioritizer needs no
/// other source, and a small summary of the subject the lead is now attached to.
public struct LeadMatched: Sendable, Codable, Hashable {
    /// What the matcher did with the lead.
    public enum Decision: String, Sendable, Codable, Hashable, CaseIterable {
        /// Attached to an existing subject automatically (score above the auto-link threshold,
        /// no counter-evidence, no close rival).
        case autoLink
        /// No existing subject was close enough: a new subject was created.
        case newSubject
        /// Uncertain: the lead got a new subject of its own (never a guessed link) and a review
        /// item names the candidate subjects, so that a reviewer can merge them.
        case review
        /// A new revision of a lead already linked: it stays with its subject.
        case existingLink
    }

    public var leadID: String
    public var revision: Int
    /// The subject the lead is attached to.
    public var subjectID: String
    public var decision: Decision
    /// The best candidate's total (posterior log2 odds); nil when no candidate was scored.
    public var score: Double?
    public var explanation: MatchExplanation
    public var subject: SubjectSummary
    /// For `review`: the review item naming the candidates.
    public var reviewID: String?
    /// The lead as received (so the prioritizer needs nothing else).
    public var lead: CanonicalLead

    public init(
        leadID: String, revision: Int, subjectID: String, decision: Decision, score: Double?,
        explanation: MatchExplanation, subject: SubjectSummary, reviewID: String? = nil, lead: CanonicalLead
    ) {
        self.leadID = leadID
        self.revision = revision
        self.subjectID = subjectID
        self.decision = decision
        self.score = score
        self.explanation = explanation
        self.subject = subject
        self.reviewID = reviewID
        self.lead = lead
    }
}

/// Why the matcher decided as it did: scores and reasons, never a compared value.
public struct MatchExplanation: Sendable, Codable, Hashable {
    /// Where the decision rule drew its lines (log2 odds).
    public struct Thresholds: Sendable, Codable, Hashable {
        public var autoLink: Double
        public var review: Double
        public var margin: Double

        public init(autoLink: Double, review: Double, margin: Double) {
            self.autoLink = autoLink
            self.review = review
            self.margin = margin
        }
    }

    /// How many candidate subjects were scored: the best-ranked of those sharing a blocking
    /// key with the lead.
    public var candidatesConsidered: Int
    /// How many subjects shared a usable blocking key with the lead (absent in decisions made
    /// before it was recorded, and for `existingLink`).
    public var subjectsSharingKeys: Int?
    /// The best candidates (at most five), best first.
    public var candidates: [CandidateScore]
    /// Machine-readable reasons: `linked`, `noCandidates`, `belowReviewThreshold`,
    /// `belowAutoLinkThreshold`, `counterEvidence`, `ambiguous`, `existingLink`.
    public var reasons: [String]
    public var thresholds: Thresholds
    /// Blocking keys shared by too many subjects to be useful, skipped, counted by key kind
    /// (`nm`, `dy`, …).
    public var genericKeysSkipped: [String: Int]

    public init(
        candidatesConsidered: Int, subjectsSharingKeys: Int? = nil, candidates: [CandidateScore], reasons: [String],
        thresholds: Thresholds, genericKeysSkipped: [String: Int] = [:]
    ) {
        self.candidatesConsidered = candidatesConsidered
        self.subjectsSharingKeys = subjectsSharingKeys
        self.candidates = candidates
        self.reasons = reasons
        self.thresholds = thresholds
        self.genericKeysSkipped = genericKeysSkipped
    }
}

/// One candidate subject's score and its per-attribute contributions.
public struct CandidateScore: Sendable, Codable, Hashable {
    /// One attribute's contribution: comparison level and weight in bits.
    public struct Contribution: Sendable, Codable, Hashable {
        /// `prior`, `familyName`, `givenName`, `dateOfBirth`, `sex`, `countries`, `address`,
        /// `recordKind`, or `identifier:<type>[:<issuer>]`.
        public var attribute: String
        public var level: String
        public var weight: Double
        public var note: String?

        public init(attribute: String, level: String, weight: Double, note: String? = nil) {
            self.attribute = attribute
            self.level = level
            self.weight = weight
            self.note = note
        }
    }

    public var subjectID: String
    public var total: Double
    public var contributions: [Contribution]
    /// What forbids an automatic link (`givenNameDisagrees`, `conflictingIdentifier:passport`, …).
    public var counterEvidence: [String]

    public init(subjectID: String, total: Double, contributions: [Contribution], counterEvidence: [String]) {
        self.subjectID = subjectID
        self.total = total
        self.contributions = contributions
        self.counterEvidence = counterEvidence
    }
}

/// The least about a subject that downstream services need (the prioritizer: how many leads it
/// had before, which categories, whether it has departed or is protected).
public struct SubjectSummary: Sendable, Codable, Hashable {
    public var kind: LeadKind
    /// The subject's primary name as first received (an organisation's name).
    public var primaryName: String
    /// `yyyy`, `yyyy-mm` or `yyyy-mm-dd`.
    public var dateOfBirth: String?
    public var identifierCount: Int
    /// Leads attached to the subject before this one.
    public var priorLeadCount: Int
    /// Categories of every lead attached to the subject, this one included, sorted.
    public var categories: [LeadCategory]
    /// Whether the latest travel event known for the subject is a departure; nil when unknown.
    public var departed: Bool?
    /// Whether the subject is under special legal protection; nil when unknown (intake does not
    /// carry it yet).
    public var protected: Bool?

    public init(
        kind: LeadKind, primaryName: String, dateOfBirth: String? = nil, identifierCount: Int = 0,
        priorLeadCount: Int = 0, categories: [LeadCategory] = [], departed: Bool? = nil, protected: Bool? = nil
    ) {
        self.kind = kind
        self.primaryName = primaryName
        self.dateOfBirth = dateOfBirth
        self.identifierCount = identifierCount
        self.priorLeadCount = priorLeadCount
        self.categories = categories
        self.departed = departed
        self.protected = protected
    }
}

/// `subject.created.v1`: a new subject, created for a lead (decision `newSubject` or `review`).
public struct SubjectCreated: Sendable, Codable, Hashable {
    public var subjectID: String
    public var leadID: String
    public var revision: Int
    public var decision: LeadMatched.Decision
    public var subject: SubjectSummary

    public init(subjectID: String, leadID: String, revision: Int, decision: LeadMatched.Decision, subject: SubjectSummary) {
        self.subjectID = subjectID
        self.leadID = leadID
        self.revision = revision
        self.decision = decision
        self.subject = subject
    }
}

/// `subject.updated.v1`: a subject that gained attributes from a lead linked to it.
public struct SubjectUpdated: Sendable, Codable, Hashable {
    /// How many values of each kind the lead added (names are aliases; no values themselves).
    public struct Added: Sendable, Codable, Hashable {
        public var names: Int
        public var identifiers: Int
        public var addresses: Int
        public var citizenships: Int
        /// Date of birth, sex or country of birth newly known or made more precise.
        public var facts: Int

        public init(names: Int = 0, identifiers: Int = 0, addresses: Int = 0, citizenships: Int = 0, facts: Int = 0) {
            self.names = names
            self.identifiers = identifiers
            self.addresses = addresses
            self.citizenships = citizenships
            self.facts = facts
        }

        public var isEmpty: Bool { names + identifiers + addresses + citizenships + facts == 0 }
    }

    public var subjectID: String
    public var leadID: String
    public var revision: Int
    public var decision: LeadMatched.Decision
    public var added: Added
    public var subject: SubjectSummary

    public init(
        subjectID: String, leadID: String, revision: Int, decision: LeadMatched.Decision, added: Added,
        subject: SubjectSummary
    ) {
        self.subjectID = subjectID
        self.leadID = leadID
        self.revision = revision
        self.decision = decision
        self.added = added
        self.subject = subject
    }
}

/// `subject.merged.v1`: `mergedSubjectID` was the same subject as `subjectID`; it now points
/// there (status `merged`) and its leads moved. Defined for the review and merge API.
public struct SubjectMerged: Sendable, Codable, Hashable {
    public var subjectID: String
    public var mergedSubjectID: String
    public var movedLeadIDs: [String]
    /// Who decided (an account id) and why (review item, analyst request).
    public var decidedBy: String
    public var reason: String?

    public init(subjectID: String, mergedSubjectID: String, movedLeadIDs: [String], decidedBy: String, reason: String? = nil) {
        self.subjectID = subjectID
        self.mergedSubjectID = mergedSubjectID
        self.movedLeadIDs = movedLeadIDs
        self.decidedBy = decidedBy
        self.reason = reason
    }
}

/// `subject.split.v1`: some of `subjectID`'s leads were another individual and moved to
/// `newSubjectID`. Defined for the split API.
public struct SubjectSplit: Sendable, Codable, Hashable {
    public var subjectID: String
    public var newSubjectID: String
    public var movedLeadIDs: [String]
    public var decidedBy: String
    public var reason: String?

    public init(subjectID: String, newSubjectID: String, movedLeadIDs: [String], decidedBy: String, reason: String? = nil) {
        self.subjectID = subjectID
        self.newSubjectID = newSubjectID
        self.movedLeadIDs = movedLeadIDs
        self.decidedBy = decidedBy
        self.reason = reason
    }
}

extension MatchExplanation {
    /// The explanation as ``ContractCoding/encoder()`` writes it, written by hand: the matcher
    /// writes one per lead, and `JSONEncoder` was a tenth of its CPU (docs/performance.md).
    /// `MatchExplanationJSONTests` compares the two byte for byte.
    public func json() throws(NonFiniteNumber) -> [UInt8] {
        var out = "{\"candidates\":["
        for (index, candidate) in candidates.enumerated() {
            if index > 0 { out += "," }
            out += "{\"contributions\":["
            for (position, contribution) in candidate.contributions.enumerated() {
                if position > 0 { out += "," }
                out += "{\"attribute\":"
                JSONText.appendString(contribution.attribute, to: &out)
                out += ",\"level\":"
                JSONText.appendString(contribution.level, to: &out)
                if let note = contribution.note {
                    out += ",\"note\":"
                    JSONText.appendString(note, to: &out)
                }
                out += ",\"weight\":"
                try JSONText.appendNumber(contribution.weight, to: &out)
                out += "}"
            }
            out += "],\"counterEvidence\":"
            JSONText.appendStrings(candidate.counterEvidence, to: &out)
            out += ",\"subjectID\":"
            JSONText.appendString(candidate.subjectID, to: &out)
            out += ",\"total\":"
            try JSONText.appendNumber(candidate.total, to: &out)
            out += "}"
        }
        out += "],\"candidatesConsidered\":\(candidatesConsidered),\"genericKeysSkipped\":{"
        for (index, kind) in genericKeysSkipped.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(kind, to: &out)
            out += ":\(genericKeysSkipped[kind]!)"
        }
        out += "},\"reasons\":"
        JSONText.appendStrings(reasons, to: &out)
        if let subjectsSharingKeys { out += ",\"subjectsSharingKeys\":\(subjectsSharingKeys)" }
        out += ",\"thresholds\":{\"autoLink\":"
        try JSONText.appendNumber(thresholds.autoLink, to: &out)
        out += ",\"margin\":"
        try JSONText.appendNumber(thresholds.margin, to: &out)
        out += ",\"review\":"
        try JSONText.appendNumber(thresholds.review, to: &out)
        out += "}}"
        return Array(out.utf8)
    }
}
