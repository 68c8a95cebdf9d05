import LeadTracDomain

/// Assembles a ``RawLead`` from (field, value) pairs in any order.
///
/// Indexed lists (`addresses[1]`, `lines[0]`) are kept as dictionaries while building and
/// compacted in index order at the end, so a mapping that fills only `addresses[1]` gives one
/// address rather than an empty one in front of it. Objects (`person`, a name, an address) exist
/// only when at least one of their fields has a value.
struct RawLeadBuilder {
    private var lead = RawLead()
    private var recordNameOrder: NameOrder?
    private var person = RawPerson()
    private var hasPerson = false
    private var organisation = RawOrganisation()
    private var hasOrganisation = false
    private var personName: RawName?
    private var aliases: [Int: RawName] = [:]
    private var officials: [Int: RawName] = [:]
    private var personAddresses: [Int: AddressParts] = [:]
    private var organisationAddresses: [Int: AddressParts] = [:]
    private var travel: [Int: RawTravelEvent] = [:]
    private var visas: [Int: RawVisa] = [:]

    private struct AddressParts {
        var address = RawAddress()
        var lines: [Int: String] = [:]

        var built: RawAddress {
            var result = address
            if !lines.isEmpty { result.lines = lines.sorted { $0.key < $1.key }.map(\.value) }
            return result
        }
    }

    init(dateOrder: DateOrder?, nameOrder: NameOrder?) {
        lead.dateOrder = dateOrder?.rawValue
        recordNameOrder = nameOrder
    }

    /// Adds one identifier to the person.
    mutating func addIdentifier(_ identifier: RawIdentifier) {
        hasPerson = true
        person.identifiers = (person.identifiers ?? []) + [identifier]
    }

    /// Writes `value` to `field`; a later value for a single-valued field replaces an earlier one,
    /// a value for a list field is appended. `nameOrder` is the column's order for name fields.
    mutating func set(_ field: CanonicalField, _ value: String, nameOrder: NameOrder? = nil) {
        switch field {
        case .ignore, .sourceRecordId, .personIdentifiers: return
        case .kind: lead.kind = value
        case .category: lead.category = value
        case .narrative: lead.narrative = value
        case .personName(let part):
            hasPerson = true
            Self.set(part, value, order: nameOrder ?? recordNameOrder, in: &personName)
        case .personAlias(let index, let part):
            hasPerson = true
            Self.set(part, value, order: nameOrder ?? recordNameOrder, in: &aliases[index])
        case .personDateOfBirth: setPerson { $0.dateOfBirth = value }
        case .personSex: setPerson { $0.sex = value }
        case .personCountryOfBirth: setPerson { $0.countryOfBirth = value }
        case .personCitizenship: setPerson { $0.citizenship = value }
        case .personAddress(let index, let part):
            hasPerson = true
            Self.set(part, value, in: &personAddresses[index, default: AddressParts()])
        case .personPhones: setPerson { $0.phones = ($0.phones ?? []) + [value] }
        case .personEmails: setPerson { $0.emails = ($0.emails ?? []) + [value] }
        case .personRiskIndicators: setPerson { $0.riskIndicators = ($0.riskIndicators ?? []) + [value] }
        case .personTravel(let index, let part):
            hasPerson = true
            var event = travel[index] ?? RawTravelEvent()
            switch part {
            case .direction: event.direction = value
            case .date: event.date = value
            case .port: event.port = value
            case .classOfAdmission: event.classOfAdmission = value
            case .admittedUntil: event.admittedUntil = value
            }
            travel[index] = event
        case .personVisa(let index, let part):
            hasPerson = true
            var visa = visas[index] ?? RawVisa()
            switch part {
            case .visaClass: visa.visaClass = value
            case .issuedOn: visa.issuedOn = value
            case .expiresOn: visa.expiresOn = value
            case .revokedOn: visa.revokedOn = value
            }
            visas[index] = visa
        case .organisationName: setOrganisation { $0.name = value }
        case .organisationSchoolCode: setOrganisation { $0.schoolCode = value }
        case .organisationType: setOrganisation { $0.organisationType = value }
        case .organisationAddress(let index, let part):
            hasOrganisation = true
            Self.set(part, value, in: &organisationAddresses[index, default: AddressParts()])
        case .organisationOfficial(let index, let part):
            hasOrganisation = true
            Self.set(part, value, order: nameOrder ?? recordNameOrder, in: &officials[index])
        case .organisationPhones: setOrganisation { $0.phones = ($0.phones ?? []) + [value] }
        case .organisationEmails: setOrganisation { $0.emails = ($0.emails ?? []) + [value] }
        }
    }

    private mutating func setPerson(_ change: (inout RawPerson) -> Void) {
        hasPerson = true
        change(&person)
    }

    private mutating func setOrganisation(_ change: (inout RawOrganisation) -> Void) {
        hasOrganisation = true
        change(&organisation)
    }

    private static func set(_ part: CanonicalField.NamePart, _ value: String, order: NameOrder?, in name: inout RawName?) {
        var result = name ?? RawName()
        switch part {
        case .full: result.full = value
        case .given: result.given = value
        case .middle: result.middle = value
        case .family: result.family = value
        }
        if let order { result.order = order.rawValue }
        name = result
    }

    private static func set(_ part: CanonicalField.AddressPart, _ value: String, in parts: inout AddressParts) {
        switch part {
        case .line(let index): parts.lines[index] = value
        case .city: parts.address.city = value
        case .state: parts.address.state = value
        case .zip: parts.address.zip = value
        case .country: parts.address.country = value
        case .validFrom: parts.address.validFrom = value
        case .validTo: parts.address.validTo = value
        }
    }

    private static func ordered<T>(_ items: [Int: T]) -> [T]? {
        items.isEmpty ? nil : items.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The lead with every object that received a value.
    func build() -> RawLead {
        var result = lead
        if hasPerson {
            var person = self.person
            person.name = personName
            person.aliases = Self.ordered(aliases)
            person.addresses = Self.ordered(personAddresses)?.map(\.built)
            person.travel = Self.ordered(travel)
            person.visas = Self.ordered(visas)
            result.person = person
        }
        if hasOrganisation {
            var organisation = self.organisation
            organisation.addresses = Self.ordered(organisationAddresses)?.map(\.built)
            organisation.officials = Self.ordered(officials)
            result.organisation = organisation
        }
        return result
    }
}
