import LeadTracDomain

/// Applies ``Corruption``s to one record of a person. Each corruption touches its own fields and
/// refuses fields an earlier one touched, so every recorded corruption is visible as such in the
/// output (a nickname is never then re-spelt by a typo, a swapped DOB never then truncated).
struct Corruptor {
    /// The fields a corruption can change.
    struct Fields: OptionSet {
        let rawValue: UInt8
        static let given = Fields(rawValue: 1)
        static let middle = Fields(rawValue: 2)
        static let family = Fields(rawValue: 4)
        static let dob = Fields(rawValue: 8)
        static let identifiers = Fields(rawValue: 16)
        static let address = Fields(rawValue: 32)
    }

    let person: SyntheticPerson
    var record: RawPerson
    private(set) var touched: Fields = []
    private(set) var applied: [Corruption] = []

    init(person: SyntheticPerson) {
        self.person = person
        record = person.cleanRecord()
    }

    /// Applies `count` different corruptions, chosen by weight among those that fit the record.
    mutating func corrupt(count: Int, _ random: inout SyntheticRandom) {
        var candidates = Corruption.allCases
        while applied.count < count && !candidates.isEmpty {
            let total = candidates.reduce(0) { $0 + $1.weight }
            var roll = random.below(total)
            var index = 0
            while roll >= candidates[index].weight {
                roll -= candidates[index].weight
                index += 1
            }
            let kind = candidates.remove(at: index)
            if apply(kind, &random) { applied.append(kind) }
        }
    }

    /// Applies one corruption if it fits; returns whether it did.
    mutating func apply(_ kind: Corruption, _ random: inout SyntheticRandom) -> Bool {
        switch kind {
        case .typo: typo(&random)
        case .ocrSubstitution: ocr(&random)
        case .missingField: missingField(&random)
        case .dayMonthSwap: dayMonthSwap()
        case .nameOrderSwap: nameOrderSwap()
        case .nickname: nickname(&random)
        case .transliteration: transliteration(&random)
        case .addressChange: addressChange(&random)
        case .identifierTypo: identifierTypo(&random)
        case .partialDOB: partialDOB(&random)
        }
    }

    // MARK: Names

    private func untouchedNames() -> [Fields] {
        [Fields.given, .family].filter { !touched.contains($0) }
    }

    private func name(_ field: Fields) -> String? {
        field == .given ? record.name?.given : record.name?.family
    }

    private mutating func setName(_ field: Fields, _ value: String) {
        if field == .given { record.name?.given = value } else { record.name?.family = value }
        touched.insert(field)
    }

    private mutating func typo(_ random: inout SyntheticRandom) -> Bool {
        let fields = untouchedNames().filter { (name($0)?.count ?? 0) >= 3 }
        guard !fields.isEmpty else { return false }
        let field = random.pick(fields)
        setName(field, TextEdits.typo(name(field)!, &random))
        return true
    }

    private mutating func nickname(_ random: inout SyntheticRandom) -> Bool {
        guard !touched.contains(.given), let given = record.name?.given else { return false }
        let nicknames = Nicknames.nicknames(of: given)
        guard !nicknames.isEmpty else { return false }
        setName(.given, random.pick(nicknames))
        return true
    }

    private mutating func transliteration(_ random: inout SyntheticRandom) -> Bool {
        let fields = untouchedNames().filter { !Transliterations.variants(of: name($0) ?? "").isEmpty }
        guard !fields.isEmpty else { return false }
        let field = random.pick(fields)
        setName(field, random.pick(Transliterations.variants(of: name(field)!)))
        return true
    }

    private mutating func nameOrderSwap() -> Bool {
        guard untouchedNames().count == 2, let given = record.name?.given, let family = record.name?.family,
            given != family
        else { return false }
        setName(.given, family)
        setName(.family, given)
        return true
    }

    // MARK: Dates

    private mutating func dayMonthSwap() -> Bool {
        guard !touched.contains(.dob), let swapped = person.dateOfBirth.dayMonthSwapped else { return false }
        record.dateOfBirth = swapped.iso
        touched.insert(.dob)
        return true
    }

    private mutating func partialDOB(_ random: inout SyntheticRandom) -> Bool {
        guard !touched.contains(.dob) else { return false }
        record.dateOfBirth = random.chance(0.7) ? person.dateOfBirth.yearOnly : person.dateOfBirth.yearMonth
        touched.insert(.dob)
        return true
    }

    // MARK: Identifiers and address

    private mutating func identifierTypo(_ random: inout SyntheticRandom) -> Bool {
        guard !touched.contains(.identifiers), var identifiers = record.identifiers, !identifiers.isEmpty else {
            return false
        }
        let index = random.below(identifiers.count)
        identifiers[index].value = TextEdits.digitTypo(
            identifiers[index].value ?? "", ssn: identifiers[index].type == "ssn", &random)
        record.identifiers = identifiers
        touched.insert(.identifiers)
        return true
    }

    private mutating func ocr(_ random: inout SyntheticRandom) -> Bool {
        var targets: [(Fields, Int?)] = []
        if !touched.contains(.identifiers), let identifiers = record.identifiers {
            for (index, identifier) in identifiers.enumerated()
            where identifier.type != "ssn" && TextEdits.hasOCRCandidate(identifier.value ?? "") {
                targets.append((.identifiers, index))
            }
        }
        for field in untouchedNames() where TextEdits.hasOCRCandidate(name(field) ?? "") {
            targets.append((field, nil))
        }
        guard !targets.isEmpty else { return false }
        let (field, index) = random.pick(targets)
        if let index {
            record.identifiers![index].value = TextEdits.ocr(record.identifiers![index].value!, &random)
            touched.insert(.identifiers)
        } else {
            setName(field, TextEdits.ocr(name(field)!, &random))
        }
        return true
    }

    private mutating func addressChange(_ random: inout SyntheticRandom) -> Bool {
        guard !touched.contains(.address) else { return false }
        let since = Int(person.address.sinceYear)
        var address = SyntheticAddress.random(sinceYear: random.int(in: min(since + 1, 2025)...2025), &random)
        while address == person.address { address = SyntheticAddress.random(sinceYear: 2025, &random) }
        record.addresses = [address.raw]
        touched.insert(.address)
        return true
    }

    private mutating func missingField(_ random: inout SyntheticRandom) -> Bool {
        var options: [Fields] = []
        if !touched.contains(.dob) && record.dateOfBirth != nil { options.append(.dob) }
        if !touched.contains(.identifiers) && !(record.identifiers ?? []).isEmpty { options.append(.identifiers) }
        if !touched.contains(.address) && !(record.addresses ?? []).isEmpty { options.append(.address) }
        if !touched.contains(.middle) && record.name?.middle != nil { options.append(.middle) }
        guard !options.isEmpty else { return false }
        let field = random.pick(options)
        switch field {
        case .dob: record.dateOfBirth = nil
        case .address: record.addresses = nil
        case .middle: record.name?.middle = nil
        default:
            var identifiers = record.identifiers!
            identifiers.remove(at: random.below(identifiers.count))
            record.identifiers = identifiers.isEmpty ? nil : identifiers
        }
        touched.insert(field)
        return true
    }
}
