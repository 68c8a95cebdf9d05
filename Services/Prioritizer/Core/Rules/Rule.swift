/// One named rule: a condition and what happens to the score when it holds.
///
/// Rules are independent of each other and of their order in the file: each sees the facts,
/// never the effects of other rules.
public struct Rule: Sendable, Hashable {
    /// Unique in the rule set; it is what explanations and diffs show.
    public var name: String
    /// Why the rule exists, for reviewers. Not part of the content hash.
    public var description: String?
    public var condition: Condition
    /// Added to the score when the rule fires; may be negative.
    public var points: Int
    /// When the rule fires, the lead is at least in this tier, whatever its points.
    public var minimumTier: String?
    /// Labels added to the score when the rule fires, sorted.
    public var tags: [String]
    /// Line of the rule in its file (1-based), for messages.
    public var line: Int

    public init(
        name: String, description: String? = nil, condition: Condition, points: Int = 0, minimumTier: String? = nil,
        tags: [String] = [], line: Int = 0
    ) {
        self.name = name
        self.description = description
        self.condition = condition
        self.points = points
        self.minimumTier = minimumTier
        self.tags = tags.sorted()
        self.line = line
    }
}
