import Foundation

/// The m and u probabilities of one comparison level (Fellegi & Sunter, 1969).
///
/// `m` = P(level | the records are the same subject), `u` = P(level | they are not). The
/// level's weight is `log2(m / u)` bits: positive when the level is more typical of matches,
/// negative when it is more typical of non-matches. No labelled data are needed; the defaults
/// below are priors reasoned from error rates in source data and value distributions, and can
/// be re-estimated later (e.g. by expectation–maximisation) without changing the code.
public struct LevelProbabilities: Sendable, Hashable, Codable {
    public var m: Double
    public var u: Double

    public init(m: Double, u: Double) {
        self.m = m
        self.u = u
    }

    /// `log2(m / u)`.
    public var weight: Double { log2(m / u) }
}

/// Parameters of a name part (family or given), per ``NameLevel``.
public struct NamePartModel: Sendable, Hashable, Codable {
    /// `u` is the frequency of the agreeing value when known (term-frequency adjustment);
    /// this `u` is the fallback, roughly the chance two random subjects share the value.
    public var exact: LevelProbabilities
    public var variant: LevelProbabilities
    public var phonetic: LevelProbabilities
    public var jaroWinklerHigh: LevelProbabilities
    public var jaroWinklerMedium: LevelProbabilities
    public var initial: LevelProbabilities
    /// `u` term-frequency adjusted like `exact`, using the agreeing token.
    public var compoundPartial: LevelProbabilities
    /// `u` term-frequency adjusted like `exact`.
    public var swapped: LevelProbabilities
    public var disagree: LevelProbabilities

    func probabilities(_ level: NameLevel) -> LevelProbabilities? {
        switch level {
        case .exact: exact
        case .variant: variant
        case .phonetic: phonetic
        case .jaroWinklerHigh: jaroWinklerHigh
        case .jaroWinklerMedium: jaroWinklerMedium
        case .initial: initial
        case .compoundPartial: compoundPartial
        case .swapped: swapped
        case .disagree: disagree
        case .missing: nil
        }
    }
}

/// Parameters of date-of-birth agreement, per ``DateLevel``.
public struct DateModel: Sendable, Hashable, Codable {
    public var exact: LevelProbabilities
    /// Multiplies `exact.u` when the agreeing date is 1 January: many source systems record
    /// an unknown day and month as 01-01, so that date is about 15 times commoner than others.
    public var firstOfJanuaryUFactor: Double
    public var dayMonthSwapped: LevelProbabilities
    public var oneDigitTypo: LevelProbabilities
    public var yearOffByOne: LevelProbabilities
    /// `partialAgrees` when only the year could be compared.
    public var partialYear: LevelProbabilities
    /// `partialAgrees` when year and month were compared.
    public var partialYearMonth: LevelProbabilities
    /// `yearOffByOne` or `oneDigitTypo` when a side is partial: with only the year (and
    /// month) to go on, a near miss is as common by chance as by error, so it is no evidence.
    public var partialNearMiss: LevelProbabilities
    public var disagree: LevelProbabilities
}

/// Parameters of one identifier type.
public struct IdentifierModel: Sendable, Hashable, Codable {
    public var exact: LevelProbabilities
    public var typo: LevelProbabilities
    public var conflicting: LevelProbabilities
    /// Replaces `exact` when the family names agree too, for values a household shares
    /// (phone, e-mail); `nil` for personal documents.
    public var householdExact: LevelProbabilities?
    /// Whether a conflict blocks auto-linking: true for documents a person holds one of per
    /// issuer (passport, A-number); false for contact data that is shared and changes (phone).
    public var conflictIsCounterEvidence: Bool
    /// A value held by more than this many subjects is generic (a placeholder, a shared
    /// office phone, a data-entry error copied around) and carries no weight either way.
    public var genericAbove: Int
}

/// Parameters of the address attribute.
public struct AddressModel: Sendable, Hashable, Codable {
    public var lineAgrees: LevelProbabilities
    /// Replaces `lineAgrees` when the family names agree too: members of one household share
    /// both, so the address then adds far less.
    public var householdLineAgrees: LevelProbabilities
    public var zipAgrees: LevelProbabilities
    public var disagree: LevelProbabilities
    /// An address shared by more than this many subjects (shelter, dormitory, law office) is
    /// generic and carries no weight.
    public var genericAbove: Int
}

/// Parameters of a simple agree/disagree attribute.
public struct AgreementModel: Sendable, Hashable, Codable {
    public var agree: LevelProbabilities
    public var disagree: LevelProbabilities
}

/// Parameters of the combined country attribute.
public struct CountryModel: Sendable, Hashable, Codable {
    public var agree: LevelProbabilities
    public var mixed: LevelProbabilities
    public var disagree: LevelProbabilities
}

/// Every parameter of the Fellegi–Sunter model. `MatchModel.default` documents each choice.
public struct MatchModel: Sendable, Hashable, Codable {
    /// log2 of the prior odds that a lead and one candidate person are the same subject.
    public var personPriorLog2Odds: Double
    /// The same for organisations (a far smaller population).
    public var organisationPriorLog2Odds: Double
    public var family: NamePartModel
    public var given: NamePartModel
    public var dateOfBirth: DateModel
    public var sex: AgreementModel
    public var countries: CountryModel
    public var address: AddressModel
    /// Per identifier type (``IdentifierType``); types not listed use `otherIdentifier`.
    public var identifiers: [String: IdentifierModel]
    public var otherIdentifier: IdentifierModel
    /// Lowest frequency a name value may be given (term-frequency adjustment). Without a
    /// floor, a name seen once would count as near-proof; names also correlate (rare family
    /// names come with rare given names), which independence would double-count.
    public var termFrequencyFloor: Double

    /// The model for an identifier type.
    public func identifierModel(_ type: String) -> IdentifierModel {
        identifiers[type] ?? otherIdentifier
    }
}
