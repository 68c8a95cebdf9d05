/// The matcher's own view of a lead or a subject: only the fields that matching compares.
///
/// The lead maps its canonical lead and subject types onto this; the matcher never sees
/// anything else. Strings are expected to be normalised upstream (lowercase, diacritics
/// removed, whitespace collapsed for names; ISO 3166 alpha-3 for countries). Identifier
/// values are canonicalised again here (upper-case, letters and digits only) because that
/// is cheap and makes the comparison robust to punctuation.
public struct MatchRecord: Sendable, Hashable, Codable {
    /// Persons and organisations are never compared with each other.
    public enum Kind: String, Sendable, Hashable, Codable {
        case person
        case organisation
    }

    public var kind: Kind
    /// The primary name first, then known aliases. Scoring uses the best-agreeing pair.
    /// For an organisation, put its folded name in `family` and leave `given` empty.
    public var names: [PersonName]
    public var dateOfBirth: PartialDate?
    public var sex: Sex?
    /// ISO 3166 alpha-3.
    public var countryOfBirth: String?
    /// ISO 3166 alpha-3; a person may hold several.
    public var citizenship: [String]
    public var identifiers: [Identifier]
    /// Current and historical addresses.
    public var addresses: [Address]
    /// Organisations only: the school (exchange-programme) code.
    public var schoolCode: String?

    public init(
        kind: Kind = .person,
        names: [PersonName] = [],
        dateOfBirth: PartialDate? = nil,
        sex: Sex? = nil,
        countryOfBirth: String? = nil,
        citizenship: [String] = [],
        identifiers: [Identifier] = [],
        addresses: [Address] = [],
        schoolCode: String? = nil
    ) {
        self.kind = kind
        self.names = names
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.countryOfBirth = countryOfBirth
        self.citizenship = citizenship
        self.identifiers = identifiers
        self.addresses = addresses
        self.schoolCode = schoolCode
    }

    /// A person with one name: the common case in tests and feeds.
    public init(
        given: String,
        family: String,
        dateOfBirth: PartialDate? = nil,
        sex: Sex? = nil,
        countryOfBirth: String? = nil,
        citizenship: [String] = [],
        identifiers: [Identifier] = [],
        addresses: [Address] = []
    ) {
        self.init(
            kind: .person, names: [PersonName(given: given, family: family)], dateOfBirth: dateOfBirth,
            sex: sex, countryOfBirth: countryOfBirth, citizenship: citizenship, identifiers: identifiers,
            addresses: addresses)
    }

    /// An organisation, matched on its school code and name.
    public static func organisation(name: String, schoolCode: String?, addresses: [Address] = []) -> MatchRecord {
        MatchRecord(
            kind: .organisation, names: [PersonName(given: "", family: name)], addresses: addresses,
            schoolCode: schoolCode)
    }
}

/// One name of a person: whitespace-separated tokens in each part ("maria jose", "garcia lopez").
public struct PersonName: Sendable, Hashable, Codable {
    public var given: String
    public var family: String

    public init(given: String, family: String) {
        self.given = given
        self.family = family
    }
}

/// A date of birth that may be known only to the year or the month, as source data often is.
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    /// Only meaningful when `month` is set.
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// True when year, month and day are all known.
    public var isComplete: Bool { month != nil && day != nil }

    /// `yyyy`, `yyyy-mm` or `yyyy-mm-dd`.
    public var description: String {
        var text = String(year)
        if let month { text += "-" + Self.twoDigits(month) }
        if let day { text += "-" + Self.twoDigits(day) }
        return text
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

public enum Sex: String, Sendable, Hashable, Codable {
    case female
    case male
}

/// An identifying number: passport, A-number, SSN, visa foil, licence, student ID, phone...
///
/// `type` is a short code agreed with ingest (see ``IdentifierType``); `issuer` is the
/// issuing country (alpha-3) or state, when the type has one.
public struct Identifier: Sendable, Hashable, Codable {
    public var type: String
    public var issuer: String?
    public var value: String

    public init(type: String, issuer: String? = nil, value: String) {
        self.type = type
        self.issuer = issuer
        self.value = value
    }
}

/// Well-known identifier type codes, so that callers and the default model agree on spelling.
public enum IdentifierType {
    public static let passport = "passport"
    public static let alienNumber = "anumber"
    public static let socialSecurity = "ssn"
    public static let visaFoil = "visa"
    public static let driversLicence = "dl"
    public static let studentProgramme = "sevis"
    public static let fingerprint = "fin"
    public static let admission = "i94"
    public static let phone = "phone"
    public static let email = "email"
}

/// A normalised address line and, when known, the five-digit postcode.
public struct Address: Sendable, Hashable, Codable {
    public var line: String
    public var zip5: String?

    public init(line: String, zip5: String? = nil) {
        self.line = line
        self.zip5 = zip5
    }
}
