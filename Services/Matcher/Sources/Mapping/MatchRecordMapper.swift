import LeadTracDomain
import MatcherCore

/// Maps a `CanonicalLead` to the `MatchRecord` MatcherCore compares: only the fields matching
/// uses, in the forms it expects.
///
/// - Names: the folded keys intake computed (lower case, no diacritics, transliterated); the
///   middle name joins the given part (`"maria jose"`), as MatcherCore scores the first given
///   token and the rest as a compound. Aliases follow the primary name.
/// - Date of birth: as precise as it came (year, year-month, full). A day/month ambiguity is
///   not resolved here: MatcherCore's date comparison and blocking keys try the swap anyway.
/// - Sex: `unknown` becomes nil (no evidence either way).
/// - Identifiers: type codes of ``MatcherCore/IdentifierType``, issuer the issuing country
///   (alpha-3) or state; phones (E.164) and e-mails as `phone` and `email` identifiers.
/// - Addresses: street lines joined and lower-cased, with the ZIP5 when the address has one.
/// - Organisations: the folded name and the school code.
public enum MatchRecordMapper {
    public static func matchRecord(for lead: CanonicalLead) -> MatchRecord {
        switch lead.subject {
        case .person(let person): matchRecord(for: person)
        case .organisation(let organisation): matchRecord(for: organisation)
        }
    }

    public static func matchRecord(for person: CanonicalPerson) -> MatchRecord {
        var names: [MatcherCore.PersonName] = []
        for name in [person.name] + person.aliases {
            guard let mapped = personName(name), !names.contains(mapped) else { continue }
            names.append(mapped)
        }
        var identifiers: [MatcherCore.Identifier] = person.identifiers.map(identifier)
        identifiers += person.phones.map { MatcherCore.Identifier(type: MatcherCore.IdentifierType.phone, value: $0.e164) }
        identifiers += person.emails.map {
            MatcherCore.Identifier(type: MatcherCore.IdentifierType.email, value: $0.address.lowercased())
        }
        return MatchRecord(
            kind: .person, names: names, dateOfBirth: person.dateOfBirth.map(partialDate),
            sex: sex(person.sex), countryOfBirth: person.countryOfBirth?.alpha3,
            citizenship: person.citizenship.map { [$0.alpha3] } ?? [], identifiers: unique(identifiers),
            addresses: unique(person.addresses.compactMap(address)))
    }

    public static func matchRecord(for organisation: CanonicalOrganisation) -> MatchRecord {
        .organisation(
            name: organisation.nameKey, schoolCode: organisation.schoolCode,
            addresses: unique(organisation.addresses.compactMap(address)))
    }

    /// Given (with middle) and family keys; nil for a name with neither.
    static func personName(_ name: LeadTracDomain.PersonName) -> MatcherCore.PersonName? {
        let given = [name.givenKey, name.middleKey].compactMap { $0 }.joined(separator: " ")
        let family = name.familyKey ?? ""
        if given.isEmpty && family.isEmpty { return nil }
        return MatcherCore.PersonName(given: given, family: family)
    }

    static func partialDate(_ date: LeadTracDomain.PartialDate) -> MatcherCore.PartialDate {
        MatcherCore.PartialDate(year: date.year, month: date.month, day: date.day)
    }

    static func sex(_ sex: LeadTracDomain.Sex) -> MatcherCore.Sex? {
        switch sex {
        case .male: .male
        case .female: .female
        case .unknown: nil
        }
    }

    static func identifier(_ identifier: LeadTracDomain.Identifier) -> MatcherCore.Identifier {
        MatcherCore.Identifier(
            type: identifierType(identifier.type),
            issuer: identifier.issuingCountry?.alpha3 ?? identifier.issuingState, value: identifier.value)
    }

    static func identifierType(_ type: LeadTracDomain.IdentifierType) -> String {
        switch type {
        case .passport: MatcherCore.IdentifierType.passport
        case .visaFoil: MatcherCore.IdentifierType.visaFoil
        case .alienNumber: MatcherCore.IdentifierType.alienNumber
        case .ssn: MatcherCore.IdentifierType.socialSecurity
        case .driversLicence: MatcherCore.IdentifierType.driversLicence
        case .studentProgrammeID: MatcherCore.IdentifierType.studentProgramme
        case .fingerprintID: MatcherCore.IdentifierType.fingerprint
        case .admissionNumber: MatcherCore.IdentifierType.admission
        }
    }

    /// Nil for an address without street lines or ZIP (a city alone says too little).
    static func address(_ address: PostalAddress) -> MatcherCore.Address? {
        let line = address.lines.joined(separator: " ").lowercased()
        let zip = address.zip5.flatMap { $0.isEmpty ? nil : $0 }
        if line.isEmpty && zip == nil { return nil }
        return MatcherCore.Address(line: line, zip5: zip)
    }

    private static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}
