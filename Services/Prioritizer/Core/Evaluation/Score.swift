/// The priority of one lead under one rule set, with the reasons.
///
/// `Codable` (stored as JSON, carried in events) and `Equatable` (a re-scored lead whose score
/// is equal need not be re-announced). Note that the facts used are part of equality: a
/// `days_overstayed` that grew by a day makes a different score; compare with
/// ``hasSameOutcome(as:)`` to ignore that.
public struct Score: Sendable, Hashable, Codable {
    /// ``RuleSet/version`` of the rule set that produced it.
    public var ruleSetVersion: String
    /// Sum of the points of the rules that fired (may be negative).
    public var points: Int
    /// The higher of the tier the points reach and every minimum tier set by a fired rule;
    /// ``Priority/belowThreshold`` when neither reaches a tier.
    public var priority: Priority
    /// Tags of the fired rules, each once, sorted.
    public var tags: [String]
    /// The rules that fired, in rule file order.
    public var fired: [FiredRule]

    public init(ruleSetVersion: String, points: Int, priority: Priority, tags: [String], fired: [FiredRule]) {
        self.ruleSetVersion = ruleSetVersion
        self.points = points
        self.priority = priority
        self.tags = tags
        self.fired = fired
    }

    /// Same rule set, points, priority, tags and fired rules, whatever the values of the facts
    /// used (which move with the evaluation date).
    public func hasSameOutcome(as other: Score) -> Bool {
        ruleSetVersion == other.ruleSetVersion && points == other.points && priority == other.priority
            && tags == other.tags && fired.map(\.name) == other.fired.map(\.name)
    }
}

/// One rule that fired, with what it contributed and the facts it looked at.
public struct FiredRule: Sendable, Hashable, Codable {
    public var name: String
    public var points: Int
    public var minimumTier: String?
    public var tags: [String]
    /// Every fact the rule's condition reads, in catalogue order, with its value at evaluation
    /// (nil when missing, which is often why a `missing` or `not` test held).
    public var factsUsed: [FactUse]

    public init(name: String, points: Int, minimumTier: String? = nil, tags: [String] = [], factsUsed: [FactUse] = []) {
        self.name = name
        self.points = points
        self.minimumTier = minimumTier
        self.tags = tags
        self.factsUsed = factsUsed
    }

    /// The value a fact had for this rule; `.some(nil)` when the rule read it and it was missing,
    /// nil when the rule did not read it.
    public func value(of field: FactField) -> FactValue?? {
        factsUsed.first { $0.fact == field.rawValue }.map(\.value)
    }
}

/// A fact and its value as a rule saw it. An array of these rather than a dictionary keeps the
/// JSON in a stable order and writes a missing fact as an explicit `null`.
public struct FactUse: Sendable, Hashable, Codable {
    /// The fact's catalogue name (text, so stored scores outlive renamed catalogue entries).
    public var fact: String
    public var value: FactValue?

    public init(fact: String, value: FactValue?) {
        self.fact = fact
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case fact, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fact = try container.decode(String.self, forKey: .fact)
        value = try container.decodeIfPresent(FactValue.self, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fact, forKey: .fact)
        try container.encode(value, forKey: .value)
    }
}

/// Points and priority only: what the fast path computes, for diffs over many leads.
public struct Outcome: Sendable, Hashable {
    public var points: Int
    public var priority: Priority

    public init(points: Int, priority: Priority) {
        self.points = points
        self.priority = priority
    }
}
