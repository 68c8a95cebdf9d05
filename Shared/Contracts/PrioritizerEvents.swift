import Foundation

/// `lead.prioritized.v1` on `leadtrac.events`: a lead's priority and why, from the prioritizer.
///
/// Emitted when a lead is scored for the first time and afterwards only when its outcome
/// changes (points, priority, tags or fired rules): a re-delivered `lead.matched.v1`, or a new
/// rule set that leaves a lead where it was, announces nothing. Workflow keeps the latest per
/// lead (compare `scoredAt`, or `revision` then `scoredAt`).
///
/// The explanation lists every rule that fired, its points and the facts it read with their
/// values as the rule saw them. Facts come from the lead (a person's risk indicators, visa,
/// addresses) and may be personal data: this event stays inside LeadTrac like `lead.matched.v1`.
public struct LeadPrioritized: Sendable, Codable, Hashable {
    /// Why the lead was scored this time.
    public enum Reason: String, Sendable, Codable, Hashable, CaseIterable {
        /// The first score of the lead.
        case new
        /// A new revision of the lead (e.g. a wants-and-warrants indicator was added) changed it.
        case updated
        /// Something about the lead's subject changed (merge, split) and changed its score.
        case rescored
        /// A supervisor activated a new rule set and the lead's points or priority changed.
        case ruleSetActivated
    }

    /// One rule that fired.
    public struct FiredRule: Sendable, Codable, Hashable {
        public var name: String
        public var points: Int
        /// The tier this rule guarantees at least (`P1`), if any.
        public var minimumTier: String?
        public var tags: [String]
        /// Every fact the rule's condition reads, with its value at scoring time.
        public var factsUsed: [FactUsed]

        public init(name: String, points: Int, minimumTier: String? = nil, tags: [String] = [], factsUsed: [FactUsed] = []) {
            self.name = name
            self.points = points
            self.minimumTier = minimumTier
            self.tags = tags
            self.factsUsed = factsUsed
        }
    }

    /// A fact a rule read: its catalogue name (`risk.wants_warrants`) and its value rendered as
    /// the rule language writes it (`true`, `400`, `"overstay"`, `2025-06-01`, `["a", "b"]`);
    /// `value` is absent when the fact was missing (often why a `missing` or `not` test held).
    public struct FactUsed: Sendable, Codable, Hashable {
        public var fact: String
        public var value: String?

        public init(fact: String, value: String?) {
            self.fact = fact
            self.value = value
        }
    }

    public var leadID: String
    /// The lead revision the facts came from.
    public var revision: Int
    public var subjectID: String
    /// Sum of the fired rules' points (may be negative).
    public var points: Int
    /// A tier name of the rule set (`P1`, `P2`, `P3`) or `below-threshold` (not worked here;
    /// extracted weekly for another office).
    public var priority: String
    /// Tags of the fired rules, each once, sorted (`national-security`, `public-safety`, …).
    public var tags: [String]
    /// In rule-file order.
    public var fired: [FiredRule]
    /// The identity of the rule set that produced the score: declared version + content hash
    /// (`2025.06+8c3f0e2a91b4d7c5`).
    public var ruleSetVersion: String
    public var reason: Reason
    public var scoredAt: Date
    /// The previous priority when there was one (lets consumers see a tier change at a glance).
    public var previousPriority: String?

    public init(
        leadID: String, revision: Int, subjectID: String, points: Int, priority: String, tags: [String],
        fired: [FiredRule], ruleSetVersion: String, reason: Reason, scoredAt: Date, previousPriority: String? = nil
    ) {
        self.leadID = leadID
        self.revision = revision
        self.subjectID = subjectID
        self.points = points
        self.priority = priority
        self.tags = tags
        self.fired = fired
        self.ruleSetVersion = ruleSetVersion
        self.reason = reason
        self.scoredAt = scoredAt
        self.previousPriority = previousPriority
    }
}
