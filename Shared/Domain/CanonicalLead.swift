/// Whether a lead is about a person or an organisation.
public enum LeadKind: String, Sendable, Codable, Hashable, CaseIterable {
    case person
    case organisation

    /// Reads `person`/`organisation` (also `organization`, `individual`, `org`), any case.
    public init?(label: String) {
        switch Text.foldKey(label).key {
        case "person", "individual": self = .person
        case "organisation", "organization", "org": self = .organisation
        default: return nil
        }
    }
}

/// Why a lead exists: the kind of suspected violation.
public enum LeadCategory: String, Sendable, Codable, Hashable, CaseIterable {
    /// Stayed past the admitted-until date.
    case overstay
    /// Another violation of the terms of status.
    case statusViolation
    /// Visa revoked on national-security grounds.
    case visaRevokedNationalSecurity
    /// Absent without leave from a sponsored programme.
    case absentWithoutLeave
    /// A wanted notice.
    case wantedNotice
    /// Flight-school or credential fraud.
    case fraud
    /// A school or exchange-visitor programme's compliance.
    case organisationCompliance

    /// Reads a category as sources write it: the raw value in any case, kebab or snake case
    /// (`status-violation`, `VISA_REVOKED_NATIONAL_SECURITY`), or `AWOL`.
    public init?(label: String) {
        let key = Text.labelKey(label)
        if key == "awol" {
            self = .absentWithoutLeave
            return
        }
        guard let category = Self.byKey[key] else { return nil }
        self = category
    }

    private static let byKey: [String: LeadCategory] = Dictionary(
        uniqueKeysWithValues: allCases.map { (Text.lowercased($0.rawValue), $0) })

    /// Which subjects the category applies to: organisation compliance only to organisations,
    /// fraud to either, every other category only to people.
    public func applies(to kind: LeadKind) -> Bool {
        switch self {
        case .fraud: true
        case .organisationCompliance: kind == .organisation
        default: kind == .person
        }
    }
}

/// Sex as recorded on documents.
public enum Sex: String, Sendable, Codable, Hashable, CaseIterable {
    case male
    case female
    /// Not given, unknown, or `X` (unspecified) on a document.
    case unknown

    /// Reads `M`/`male`, `F`/`female`, `U`/`X`/`unknown`, any case.
    public init?(label: String) {
        switch Text.foldKey(label).key {
        case "m", "male": self = .male
        case "f", "female": self = .female
        case "u", "x", "unknown", "unspecified", "": self = .unknown
        default: return nil
        }
    }
}

/// Facts that raise a lead's priority, declared in priority order: national security first,
/// then public safety (wants and warrants, criminal history).
public enum RiskIndicator: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case nationalSecurity
    case wantsAndWarrants
    case criminalHistory

    /// Reads the raw value in any case, kebab or snake case; also `wants`, `warrants`.
    public init?(label: String) {
        let key = Text.labelKey(label)
        switch key {
        case "nationalsecurity", "natsec": self = .nationalSecurity
        case "wantsandwarrants", "wants", "warrants", "wantsorwarrants": self = .wantsAndWarrants
        case "criminalhistory", "criminal": self = .criminalHistory
        default: return nil
        }
    }

    public static func < (lhs: RiskIndicator, rhs: RiskIndicator) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A person as intake understood them. Single-valued facts take the lead's provenance; repeated
/// facts carry their own (see ``Provenance``).
public struct CanonicalPerson: Sendable, Codable, Hashable {
    public var name: PersonName
    /// Other names the person is known by; never one equal to ``name`` or to each other.
    public var aliases: [PersonName]
    public var dateOfBirth: PartialDate?
    public var sex: Sex
    public var countryOfBirth: CountryCode?
    public var citizenship: CountryCode?
    /// Each identifier once; see ``IdentifierType/Multiplicity`` for what several values mean.
    public var identifiers: [Identifier]
    public var addresses: [PostalAddress]
    public var phones: [PhoneNumber]
    public var emails: [EmailAddress]
    public var travel: [TravelEvent]
    public var visas: [VisaRecord]
    /// Each indicator once, in priority order (national security first). An array rather than a
    /// `Set` so that the encoded record is the same bytes in every process.
    public var riskIndicators: [RiskIndicator]

    public init(
        name: PersonName, aliases: [PersonName] = [], dateOfBirth: PartialDate? = nil, sex: Sex = .unknown,
        countryOfBirth: CountryCode? = nil, citizenship: CountryCode? = nil, identifiers: [Identifier] = [],
        addresses: [PostalAddress] = [], phones: [PhoneNumber] = [], emails: [EmailAddress] = [],
        travel: [TravelEvent] = [], visas: [VisaRecord] = [], riskIndicators: [RiskIndicator] = []
    ) {
        self.name = name
        self.aliases = aliases
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.countryOfBirth = countryOfBirth
        self.citizenship = citizenship
        self.identifiers = identifiers
        self.addresses = addresses
        self.phones = phones
        self.emails = emails
        self.travel = travel
        self.visas = visas
        self.riskIndicators = Array(Set(riskIndicators)).sorted()
    }

    /// The identifiers of one type, in input order.
    public func identifiers(ofType type: IdentifierType) -> [Identifier] {
        identifiers.filter { $0.type == type }
    }
}

/// An organisation (school, exchange-visitor programme, business) as intake understood it.
public struct CanonicalOrganisation: Sendable, Codable, Hashable {
    /// The name as received, NFC and whitespace-collapsed.
    public var name: String
    /// The folded name, for comparison (see ``PersonName/foldedKey(_:)``).
    public var nameKey: String
    /// Student-programme school code: 3 letters, 3 digits, a letter and 8 digits
    /// (`ABC214F00123000`). Optional: businesses and non-profits linked to a lead have none.
    public var schoolCode: String?
    /// Free-text type as received (`flight school`, `university`, `business`).
    public var organisationType: String?
    public var addresses: [PostalAddress]
    /// People attached to it, e.g. designated school officials.
    public var officials: [PersonName]
    public var phones: [PhoneNumber]
    public var emails: [EmailAddress]

    public init(
        name: String, schoolCode: String? = nil, organisationType: String? = nil, addresses: [PostalAddress] = [],
        officials: [PersonName] = [], phones: [PhoneNumber] = [], emails: [EmailAddress] = []
    ) {
        self.name = name
        self.nameKey = PersonName.foldedKey(name)
        self.schoolCode = schoolCode
        self.organisationType = organisationType
        self.addresses = addresses
        self.officials = officials
        self.phones = phones
        self.emails = emails
    }

    /// Normalises a school code: spaces and hyphens dropped, upper-cased, then exactly 3 letters,
    /// 3 digits, a letter and 8 digits (`abc-214-f00123000` → `ABC214F00123000`).
    /// - Returns: the code, or a rejection with `school-code.invalid`.
    public static func normaliseSchoolCode(_ raw: String) -> Result<String, FieldRejection> {
        func isLetter(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard let code = Text.compactAlphanumeric(raw), code.count == 15,
            code[0..<3].allSatisfy(isLetter), code[3..<6].allSatisfy(isDigit), isLetter(code[6]),
            code[7...].allSatisfy(isDigit)
        else { return .failure(FieldRejection(.schoolCodeInvalid)) }
        return .success(String(decoding: code, as: UTF8.self))
    }
}

/// Who a lead is about: exactly one person or one organisation.
///
/// Encodes as `{"kind": "person", "person": {...}}` or `{"kind": "organisation", "organisation": {...}}`.
public enum LeadSubject: Sendable, Codable, Hashable {
    case person(CanonicalPerson)
    case organisation(CanonicalOrganisation)

    public var kind: LeadKind {
        switch self {
        case .person: .person
        case .organisation: .organisation
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, person, organisation }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(LeadKind.self, forKey: .kind) {
        case .person: self = .person(try container.decode(CanonicalPerson.self, forKey: .person))
        case .organisation:
            self = .organisation(try container.decode(CanonicalOrganisation.self, forKey: .organisation))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .person(let person): try container.encode(person, forKey: .person)
        case .organisation(let organisation): try container.encode(organisation, forKey: .organisation)
        }
    }
}

/// The one canonical lead record every service shares: what intake accepted, validated and
/// normalised so that leads and subjects can be compared.
///
/// Provenance: ``provenance`` is the source of the whole record and of every single-valued fact
/// in it (names, date of birth, sex, countries, narrative, category). Repeated facts that other
/// sources may add later (identifiers, addresses, phones, e-mails, travel events, visas) carry
/// their own `provenance`; at intake it equals the lead's.
public struct CanonicalLead: Sendable, Codable, Hashable {
    public var category: LeadCategory
    public var subject: LeadSubject
    public var provenance: Provenance
    /// Free text from the source, NFC and trimmed, line breaks kept.
    public var narrative: String?
    /// Non-fatal problems found while normalising (ambiguous dates, collapsed duplicates).
    public var warnings: [FieldProblem]

    public init(
        category: LeadCategory, subject: LeadSubject, provenance: Provenance, narrative: String? = nil,
        warnings: [FieldProblem] = []
    ) {
        self.category = category
        self.subject = subject
        self.provenance = provenance
        self.narrative = narrative
        self.warnings = warnings
    }

    public var kind: LeadKind { subject.kind }

    /// The person, if the lead is about one.
    public var person: CanonicalPerson? {
        if case .person(let person) = subject { return person }
        return nil
    }

    /// The organisation, if the lead is about one.
    public var organisation: CanonicalOrganisation? {
        if case .organisation(let organisation) = subject { return organisation }
        return nil
    }
}
