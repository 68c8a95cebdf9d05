import LeadTracDomain

/// One true (ground-truth) person of a synthetic population: every lead generated about them
/// carries their ``personID`` as its label.
public struct SyntheticPerson: Sendable, Hashable {
    /// Stable label, `P` and at least six digits (`P000123`), unique within a population.
    public let personID: String
    /// The naming tradition the names were drawn from.
    public let culture: NameCulture
    public let isMale: Bool
    public let given: String
    public let middle: String?
    /// Family name (Hispanic ones are compounds of two parts).
    public let family: String
    public let dateOfBirth: SyntheticDate
    /// ISO 3166-1 alpha-3.
    public let countryOfBirth: String
    /// ISO 3166-1 alpha-3.
    public let citizenship: String
    /// Passport number (two letters and seven digits), issued by ``citizenship``.
    public let passport: String?
    /// SSN-like number `AAA-GG-SSSS` in valid ranges (area 773–899, never 000/666/9xx).
    public let ssn: String?
    /// Alien registration number, `A` and nine digits.
    public let alienNumber: String?
    public let address: SyntheticAddress
    /// E.164 in the fictional 555-0100…0199 range (`+12125550142`).
    public let phone: String?
    /// At example.com or example.org only.
    public let email: String?
    /// Shared by all members of a generated family; `nil` for people living alone.
    public let householdID: String?
    /// The ``personID`` of this person's twin, if any.
    public let twinID: String?

    /// `"M"` or `"F"`.
    public var sexLabel: String { isMale ? "M" : "F" }

    /// The clean record a careful source would send about this person.
    public func cleanRecord() -> RawPerson {
        var identifiers: [RawIdentifier] = []
        if let passport {
            identifiers.append(RawIdentifier(type: "passport", value: passport, issuingCountry: citizenship))
        }
        if let ssn { identifiers.append(RawIdentifier(type: "ssn", value: ssn)) }
        if let alienNumber { identifiers.append(RawIdentifier(type: "alienNumber", value: alienNumber)) }
        return RawPerson(
            name: RawName(given: given, middle: middle, family: family),
            dateOfBirth: dateOfBirth.iso, sex: sexLabel, countryOfBirth: countryOfBirth, citizenship: citizenship,
            identifiers: identifiers.isEmpty ? nil : identifiers, addresses: [address.raw],
            phones: phone.map { [$0] }, emails: email.map { [$0] })
    }
}
