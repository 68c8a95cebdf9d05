/// A place in a ``RawLead`` that a column's value goes to, parsed from a dotted path such as
/// `person.addresses[0].lines[1]` in an ``ImportMapping``.
///
/// A closed set rather than free key paths, so a typo in a mapping file is reported when the
/// mapping is loaded, not discovered as silently missing data after an import. Repeated facts
/// (`person.phones`, `person.emails`, `person.identifiers`, `person.riskIndicators`) take no
/// index: each mapped column adds one entry, in column order.
public enum CanonicalField: Sendable, Hashable {
    /// The column is read but not imported (e.g. used only as another column's issuing country).
    case ignore
    /// The record's identifier in the source: required on every row; it is what makes a resumed
    /// or repeated import recognise rows it has already done.
    case sourceRecordId
    case kind, category, narrative
    case personName(NamePart)
    case personAlias(index: Int, NamePart)
    case personDateOfBirth, personSex, personCountryOfBirth, personCitizenship
    /// One identifier per column; the column says its type and issuer.
    case personIdentifiers
    case personAddress(index: Int, AddressPart)
    case personPhones, personEmails, personRiskIndicators
    case personTravel(index: Int, TravelPart)
    case personVisa(index: Int, VisaPart)
    case organisationName, organisationSchoolCode, organisationType
    case organisationAddress(index: Int, AddressPart)
    case organisationOfficial(index: Int, NamePart)
    case organisationPhones, organisationEmails

    public enum NamePart: String, Sendable, Hashable, CaseIterable { case full, given, middle, family }

    public enum AddressPart: Sendable, Hashable {
        case line(Int)
        case city, state, zip, country, validFrom, validTo
    }

    public enum TravelPart: String, Sendable, Hashable, CaseIterable {
        case direction, date, port, classOfAdmission, admittedUntil
    }

    public enum VisaPart: String, Sendable, Hashable, CaseIterable { case visaClass, issuedOn, expiresOn, revokedOn }

    /// The largest index accepted in a path (`addresses[9]`), which keeps a mapping from asking
    /// for absurdly sparse lists.
    public static let maximumIndex = 9

    /// Parses a dotted path; `nil` when it names no known field. An index may be written in
    /// brackets (`addresses[0]`) or as a segment (`addresses.0`): in a YAML flow mapping
    /// (`{ field: ... }`) brackets end the value, so such paths must be quoted or use the dotted form.
    public init?(path: String) {
        guard let segments = Self.segments(path) else { return nil }
        let names = segments.map(\.name)
        let indices = segments.map(\.index)
        func noIndex(_ range: Range<Int>) -> Bool { range.allSatisfy { indices[$0] == nil } }
        func indexed(_ position: Int) -> Bool { indices[position] != nil }
        func onlyIndexAt(_ positions: Set<Int>) -> Bool {
            indices.indices.allSatisfy { positions.contains($0) ? indices[$0] != nil : indices[$0] == nil }
        }

        switch names.count {
        case 1 where noIndex(0..<1):
            switch names[0] {
            case "ignore": self = .ignore
            case "sourceRecordId": self = .sourceRecordId
            case "kind": self = .kind
            case "category": self = .category
            case "narrative": self = .narrative
            default: return nil
            }
        case 2 where noIndex(0..<2) && names[0] == "person":
            switch names[1] {
            case "dateOfBirth": self = .personDateOfBirth
            case "sex": self = .personSex
            case "countryOfBirth": self = .personCountryOfBirth
            case "citizenship": self = .personCitizenship
            case "identifiers": self = .personIdentifiers
            case "phones": self = .personPhones
            case "emails": self = .personEmails
            case "riskIndicators": self = .personRiskIndicators
            default: return nil
            }
        case 2 where noIndex(0..<2) && names[0] == "organisation":
            switch names[1] {
            case "name": self = .organisationName
            case "schoolCode": self = .organisationSchoolCode
            case "organisationType": self = .organisationType
            case "phones": self = .organisationPhones
            case "emails": self = .organisationEmails
            default: return nil
            }
        case 3, 4:
            let rest = Array(segments.dropFirst(2))
            switch (names[0], names[1]) {
            case ("person", "name") where names.count == 3 && noIndex(0..<3):
                guard let part = NamePart(rawValue: names[2]) else { return nil }
                self = .personName(part)
            case ("person", "aliases") where names.count == 3 && onlyIndexAt([1]):
                guard let part = NamePart(rawValue: names[2]) else { return nil }
                self = .personAlias(index: indices[1]!, part)
            case ("organisation", "officials") where names.count == 3 && onlyIndexAt([1]):
                guard let part = NamePart(rawValue: names[2]) else { return nil }
                self = .organisationOfficial(index: indices[1]!, part)
            case ("person", "travel") where names.count == 3 && onlyIndexAt([1]):
                guard let part = TravelPart(rawValue: names[2]) else { return nil }
                self = .personTravel(index: indices[1]!, part)
            case ("person", "visas") where names.count == 3 && onlyIndexAt([1]):
                guard let part = VisaPart(rawValue: names[2]) else { return nil }
                self = .personVisa(index: indices[1]!, part)
            case ("person", "addresses"), ("organisation", "addresses"):
                guard indexed(1), indices[0] == nil, let part = Self.addressPart(rest) else { return nil }
                self = names[0] == "person"
                    ? .personAddress(index: indices[1]!, part) : .organisationAddress(index: indices[1]!, part)
            default: return nil
            }
        default: return nil
        }
    }

    private static func addressPart(_ rest: [(name: String, index: Int?)]) -> AddressPart? {
        guard rest.count == 1 else { return nil }
        let (name, index) = rest[0]
        if name == "lines" { return index.map(AddressPart.line) }
        guard index == nil else { return nil }
        switch name {
        case "city": return .city
        case "state": return .state
        case "zip": return .zip
        case "country": return .country
        case "validFrom": return .validFrom
        case "validTo": return .validTo
        default: return nil
        }
    }

    /// `a.b[2].c` as `[(a, nil), (b, 2), (c, nil)]`; `nil` for a malformed path or an index out
    /// of range.
    private static func segments(_ path: String) -> [(name: String, index: Int?)]? {
        var result: [(name: String, index: Int?)] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            if let open = part.firstIndex(of: "[") {
                guard part.last == "]" else { return nil }
                let name = part[..<open]
                let digits = part[part.index(after: open)..<part.index(before: part.endIndex)]
                guard !name.isEmpty, let index = Int(digits), (0...maximumIndex).contains(index) else { return nil }
                result.append((String(name), index))
            } else if let index = Int(part), let last = result.last, last.index == nil {
                // `addresses.0` is the same as `addresses[0]`: brackets need quoting in YAML flow style.
                guard (0...maximumIndex).contains(index) else { return nil }
                result[result.count - 1] = (last.name, index)
            } else {
                guard !part.isEmpty, part.first?.isLetter == true else { return nil }
                result.append((String(part), nil))
            }
        }
        return result
    }

    /// Whether a column of this field holds a date, so that `dateFormat` applies to it.
    public var isDate: Bool {
        switch self {
        case .personDateOfBirth: true
        case .personAddress(_, let part), .organisationAddress(_, let part): part == .validFrom || part == .validTo
        case .personTravel(_, let part): part == .date || part == .admittedUntil
        case .personVisa: true
        default: false
        }
    }

    /// Whether this is part of a name, so that `nameOrder` applies to it.
    public var isName: Bool {
        switch self {
        case .personName, .personAlias, .organisationOfficial: true
        default: false
        }
    }

    /// The JSON path into ``RawLead`` this field writes, as the normaliser reports problems
    /// (`person.addresses[0].lines[1]`). Repeated facts without an index give the list's path.
    public var path: String {
        switch self {
        case .ignore: "ignore"
        case .sourceRecordId: "sourceRecordId"
        case .kind: "kind"
        case .category: "category"
        case .narrative: "narrative"
        case .personName(let part): "person.name.\(part.rawValue)"
        case .personAlias(let i, let part): "person.aliases[\(i)].\(part.rawValue)"
        case .personDateOfBirth: "person.dateOfBirth"
        case .personSex: "person.sex"
        case .personCountryOfBirth: "person.countryOfBirth"
        case .personCitizenship: "person.citizenship"
        case .personIdentifiers: "person.identifiers"
        case .personAddress(let i, let part): "person.addresses[\(i)].\(Self.path(of: part))"
        case .personPhones: "person.phones"
        case .personEmails: "person.emails"
        case .personRiskIndicators: "person.riskIndicators"
        case .personTravel(let i, let part): "person.travel[\(i)].\(part.rawValue)"
        case .personVisa(let i, let part): "person.visas[\(i)].\(part.rawValue)"
        case .organisationName: "organisation.name"
        case .organisationSchoolCode: "organisation.schoolCode"
        case .organisationType: "organisation.organisationType"
        case .organisationAddress(let i, let part): "organisation.addresses[\(i)].\(Self.path(of: part))"
        case .organisationOfficial(let i, let part): "organisation.officials[\(i)].\(part.rawValue)"
        case .organisationPhones: "organisation.phones"
        case .organisationEmails: "organisation.emails"
        }
    }

    private static func path(of part: AddressPart) -> String {
        switch part {
        case .line(let i): "lines[\(i)]"
        case .city: "city"
        case .state: "state"
        case .zip: "zip"
        case .country: "country"
        case .validFrom: "validFrom"
        case .validTo: "validTo"
        }
    }
}
