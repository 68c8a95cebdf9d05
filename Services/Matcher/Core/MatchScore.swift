/// What a contribution to a score is about.
public enum MatchAttribute: Sendable, Hashable, Codable {
    case prior
    case recordKind
    case familyName
    case givenName
    case dateOfBirth
    case sex
    case countries
    case address
    case identifier(type: String, issuer: String?)
}

/// One attribute's share of a score: its comparison level and the weight in bits.
///
/// Notes never contain the compared values, only how the weight was obtained, so that an
/// explanation can be logged and shown without disclosing personal data.
public struct AttributeContribution: Sendable, Hashable, Codable {
    public var attribute: MatchAttribute
    /// The level's raw value (``NameLevel``, ``DateLevel``, ``IdentifierLevel``...).
    public var level: String
    /// `log2(m / u)`; 0 for missing or generic values.
    public var weight: Double
    public var m: Double?
    public var u: Double?
    public var note: String

    public init(attribute: MatchAttribute, level: String, weight: Double, m: Double? = nil, u: Double? = nil, note: String = "") {
        self.attribute = attribute
        self.level = level
        self.weight = weight
        self.m = m
        self.u = u
        self.note = note
    }
}

/// Evidence that two records are different subjects, strong enough that no total, however
/// high, may link them automatically.
public enum CounterEvidence: Sendable, Hashable, Codable {
    /// Same document type and issuer, different numbers.
    case conflictingIdentifier(type: String, issuer: String?)
    /// Both dates complete and disagreeing beyond a swap, a typo or a year off; or a partial
    /// date whose year is two or more from the other's (a parent and a child of one name).
    case dateOfBirthDisagrees
    case sexDisagrees
    /// Given names that are not the same, a variant, a sound-alike or an initial: twins and
    /// siblings look exactly like this.
    case givenNameDisagrees
    /// Given names agree only weakly: Jaro–Winkler medium, an initial, or a token other than
    /// the first ("maria jose" vs "maria luisa", "maria" vs "marta"). Siblings, often named
    /// alike, look like this too, so a person must confirm.
    case givenNameUnconfirmed
    case familyNameDisagrees
    /// A person compared with an organisation.
    case recordKindDiffers
}

/// The score of one candidate against a lead: posterior log2 odds and why.
public struct MatchScore: Sendable, Hashable, Codable {
    /// log2 of the posterior odds that lead and candidate are one subject: the prior plus
    /// every attribute's weight.
    public var total: Double
    public var contributions: [AttributeContribution]
    public var counterEvidence: [CounterEvidence]

    public init(total: Double, contributions: [AttributeContribution], counterEvidence: [CounterEvidence]) {
        self.total = total
        self.contributions = contributions
        self.counterEvidence = counterEvidence
    }

    /// The contribution for an attribute, if scored.
    public func contribution(_ attribute: MatchAttribute) -> AttributeContribution? {
        contributions.first { $0.attribute == attribute }
    }
}
