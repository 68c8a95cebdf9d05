/// A lead exactly as a source sent it, before validation: the shape upstream JSON decodes into.
///
/// Every field is an optional string (or a list or object of them), with lowerCamelCase keys
/// and nested `person`/`organisation` objects, so that any record decodes and every problem can
/// be reported by ``LeadNormaliser`` with its JSON path instead of failing in the decoder.
/// Unknown keys are ignored by decoding.
public struct RawLead: Sendable, Codable, Hashable {
    /// `person` or `organisation`; inferred from which object is present when missing.
    public var kind: String?
    /// A ``LeadCategory`` label.
    public var category: String?
    /// The source's day/month order for slashed dates (`monthFirst`, `dayFirst`); the
    /// normaliser's default (month first) when missing.
    public var dateOrder: String?
    public var person: RawPerson?
    public var organisation: RawOrganisation?
    public var narrative: String?

    public init(
        kind: String? = nil, category: String? = nil, dateOrder: String? = nil, person: RawPerson? = nil,
        organisation: RawOrganisation? = nil, narrative: String? = nil
    ) {
        self.kind = kind
        self.category = category
        self.dateOrder = dateOrder
        self.person = person
        self.organisation = organisation
        self.narrative = narrative
    }
}

/// A name as received: either one string (`full`) or parts, or both (then the parts decide the
/// split and `full` is kept as the original).
public struct RawName: Sendable, Codable, Hashable {
    public var full: String?
    public var given: String?
    public var middle: String?
    public var family: String?
    /// `givenFirst` or `familyFirst`: how to split `full` when it has no comma.
    public var order: String?

    public init(
        full: String? = nil, given: String? = nil, middle: String? = nil, family: String? = nil, order: String? = nil
    ) {
        self.full = full
        self.given = given
        self.middle = middle
        self.family = family
        self.order = order
    }
}

/// An identifying number as received.
public struct RawIdentifier: Sendable, Codable, Hashable {
    /// An ``IdentifierType`` label.
    public var type: String?
    public var value: String?
    public var issuingCountry: String?
    public var issuingState: String?

    public init(type: String? = nil, value: String? = nil, issuingCountry: String? = nil, issuingState: String? = nil) {
        self.type = type
        self.value = value
        self.issuingCountry = issuingCountry
        self.issuingState = issuingState
    }
}

/// A postal address as received.
public struct RawAddress: Sendable, Codable, Hashable {
    public var lines: [String]?
    public var city: String?
    /// State code or name (US), or region elsewhere.
    public var state: String?
    /// ZIP code (US) or postal code elsewhere.
    public var zip: String?
    /// Country code or name; the United States when missing.
    public var country: String?
    public var validFrom: String?
    public var validTo: String?

    public init(
        lines: [String]? = nil, city: String? = nil, state: String? = nil, zip: String? = nil,
        country: String? = nil, validFrom: String? = nil, validTo: String? = nil
    ) {
        self.lines = lines
        self.city = city
        self.state = state
        self.zip = zip
        self.country = country
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// An arrival or departure as received.
public struct RawTravelEvent: Sendable, Codable, Hashable {
    /// `arrival` or `departure`.
    public var direction: String?
    public var date: String?
    public var port: String?
    public var classOfAdmission: String?
    /// A date or `D/S` (duration of status).
    public var admittedUntil: String?

    public init(
        direction: String? = nil, date: String? = nil, port: String? = nil, classOfAdmission: String? = nil,
        admittedUntil: String? = nil
    ) {
        self.direction = direction
        self.date = date
        self.port = port
        self.classOfAdmission = classOfAdmission
        self.admittedUntil = admittedUntil
    }
}

/// A visa issuance (and revocation) as received.
public struct RawVisa: Sendable, Codable, Hashable {
    public var visaClass: String?
    public var issuedOn: String?
    public var expiresOn: String?
    public var revokedOn: String?

    public init(visaClass: String? = nil, issuedOn: String? = nil, expiresOn: String? = nil, revokedOn: String? = nil) {
        self.visaClass = visaClass
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
        self.revokedOn = revokedOn
    }
}

/// A person as received.
public struct RawPerson: Sendable, Codable, Hashable {
    public var name: RawName?
    public var aliases: [RawName]?
    public var dateOfBirth: String?
    public var sex: String?
    public var countryOfBirth: String?
    public var citizenship: String?
    public var identifiers: [RawIdentifier]?
    public var addresses: [RawAddress]?
    public var phones: [String]?
    public var emails: [String]?
    public var travel: [RawTravelEvent]?
    public var visas: [RawVisa]?
    /// ``RiskIndicator`` labels.
    public var riskIndicators: [String]?

    public init(
        name: RawName? = nil, aliases: [RawName]? = nil, dateOfBirth: String? = nil, sex: String? = nil,
        countryOfBirth: String? = nil, citizenship: String? = nil, identifiers: [RawIdentifier]? = nil,
        addresses: [RawAddress]? = nil, phones: [String]? = nil, emails: [String]? = nil,
        travel: [RawTravelEvent]? = nil, visas: [RawVisa]? = nil, riskIndicators: [String]? = nil
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
        self.riskIndicators = riskIndicators
    }
}

/// An organisation as received.
public struct RawOrganisation: Sendable, Codable, Hashable {
    public var name: String?
    public var schoolCode: String?
    public var organisationType: String?
    public var addresses: [RawAddress]?
    public var officials: [RawName]?
    public var phones: [String]?
    public var emails: [String]?

    public init(
        name: String? = nil, schoolCode: String? = nil, organisationType: String? = nil,
        addresses: [RawAddress]? = nil, officials: [RawName]? = nil, phones: [String]? = nil, emails: [String]? = nil
    ) {
        self.name = name
        self.schoolCode = schoolCode
        self.organisationType = organisationType
        self.addresses = addresses
        self.officials = officials
        self.phones = phones
        self.emails = emails
    }
}
