/// Validates a raw lead and normalises it into a ``CanonicalLead``.
///
/// Pure and deterministic: no I/O, no clock. "Now" for plausibility checks (no date of birth
/// or arrival in the future) is the record's ``Provenance/receivedAt``, so replaying a record
/// gives the same answer. The normaliser is a small value; share one across tasks.
///
/// Errors and warnings: every field is checked even after an error, and the failure lists every
/// error with its code and JSON path, so a record can be repaired in one pass. Warnings
/// (ambiguous dates, collapsed duplicates) never reject a record; they travel on the accepted
/// lead (``CanonicalLead/warnings``) or beside the errors (``ValidationFailure/warnings``).
/// Messages never contain input values.
public struct LeadNormaliser: Sendable {
    /// Day/month order for slashed dates when the record has no `dateOrder` hint.
    public var defaultDateOrder: DateOrder
    /// Name order for one-string names without a comma when the name has no `order` hint.
    public var defaultNameOrder: NameOrder
    /// A date of birth more than this many years before receipt is rejected (`date.too-old`).
    public var maximumAgeYears: Int
    /// The country of an address that names none.
    public var defaultAddressCountry: CountryCode

    public init(
        defaultDateOrder: DateOrder = .monthFirst, defaultNameOrder: NameOrder = .givenFirst,
        maximumAgeYears: Int = 130, defaultAddressCountry: CountryCode = .unitedStates
    ) {
        self.defaultDateOrder = defaultDateOrder
        self.defaultNameOrder = defaultNameOrder
        self.maximumAgeYears = maximumAgeYears
        self.defaultAddressCountry = defaultAddressCountry
    }

    /// Validates and normalises one record.
    /// - Parameters:
    ///   - raw: the record as decoded from the source.
    ///   - provenance: where and when it was received; stamped on the lead and on every
    ///     repeated fact, and the reference time for plausibility checks.
    /// - Returns: the canonical lead, or every problem that stops it.
    public func normalise(_ raw: RawLead, provenance: Provenance) -> Result<CanonicalLead, ValidationFailure> {
        var steps = Steps(
            context: NormalisationContext(
                provenance: provenance, dateOrder: defaultDateOrder, maximumAgeYears: maximumAgeYears),
            nameOrder: defaultNameOrder, addressCountry: defaultAddressCountry)
        let lead = steps.lead(raw)
        let context = steps.context
        guard let lead, context.errors.isEmpty else {
            return .failure(
                ValidationFailure(provenance: provenance, errors: context.errors, warnings: context.warnings))
        }
        return .success(lead)
    }
}

extension LeadNormaliser {
    /// The normalisation of one record, section by section. Repeated facts are in
    /// `LeadNormaliser+Facts.swift`.
    struct Steps {
        var context: NormalisationContext
        let nameOrder: NameOrder
        let addressCountry: CountryCode

        mutating func lead(_ raw: RawLead) -> CanonicalLead? {
            if let hint = context.text(raw.dateOrder, at: "dateOrder", limit: FieldLimits.short) {
                if let order = DateOrder(hint: hint) {
                    context.dateOrder = order
                } else {
                    context.report(.hintUnknown, at: "dateOrder")
                }
            }
            let category = self.category(raw.category)
            let kind = self.kind(raw)
            let person = raw.person.flatMap { self.person($0) }
            let organisation = raw.organisation.flatMap { self.organisation($0) }
            let narrative = context.multilineText(raw.narrative, at: "narrative", limit: FieldLimits.narrative)

            if let category, let kind, !category.applies(to: kind) {
                context.report(.categoryKindMismatch, at: "category")
            }
            guard let category, let kind else { return nil }
            let subject: LeadSubject
            switch kind {
            case .person:
                guard let person else { return nil }
                subject = .person(person)
            case .organisation:
                guard let organisation else { return nil }
                subject = .organisation(organisation)
            }
            return CanonicalLead(
                category: category, subject: subject, provenance: context.provenance, narrative: narrative,
                warnings: context.warnings)
        }

        private mutating func category(_ raw: String?) -> LeadCategory? {
            guard let label = context.requiredText(raw, at: "category", missing: .categoryMissing) else { return nil }
            guard let category = LeadCategory(label: label) else {
                context.report(.categoryUnknown, at: "category")
                return nil
            }
            return category
        }

        /// The subject kind: from which object is present, checked against `kind` if given.
        /// Both objects, or neither, stop the record.
        private mutating func kind(_ raw: RawLead) -> LeadKind? {
            var stated: LeadKind?
            if let label = context.text(raw.kind, at: "kind", limit: FieldLimits.short) {
                stated = LeadKind(label: label)
                if stated == nil { context.report(.leadKindUnknown, at: "kind") }
            }
            let present: LeadKind
            switch (raw.person != nil, raw.organisation != nil) {
            case (false, false):
                context.report(.leadSubjectMissing, at: "$")
                return nil
            case (true, true):
                context.report(.leadKindMismatch, at: "$")
                return nil
            case (true, false): present = .person
            case (false, true): present = .organisation
            }
            if let stated, stated != present {
                context.report(.leadKindMismatch, at: "kind")
                return nil
            }
            return present
        }

        // MARK: Person

        private mutating func person(_ raw: RawPerson) -> CanonicalPerson? {
            let name = personName(raw.name, at: "person.name", required: true)
            var aliases: [PersonName] = []
            for (index, rawAlias) in (raw.aliases ?? []).enumerated() {
                guard let alias = personName(rawAlias, at: "person.aliases[\(index)]", required: false) else {
                    continue
                }
                if alias.fullKey == name?.fullKey {
                    context.report(.aliasSameAsName, at: "person.aliases[\(index)]")
                } else if aliases.contains(where: { $0.fullKey == alias.fullKey }) {
                    context.report(.aliasDuplicate, at: "person.aliases[\(index)]")
                } else {
                    aliases.append(alias)
                }
            }
            let dateOfBirth = context.birthDate(raw.dateOfBirth, at: "person.dateOfBirth")
            var sex = Sex.unknown
            if let label = context.text(raw.sex, at: "person.sex", limit: FieldLimits.short) {
                if let parsed = Sex(label: label) {
                    sex = parsed
                } else {
                    context.report(.sexUnknown, at: "person.sex")
                }
            }
            let countryOfBirth = context.country(raw.countryOfBirth, at: "person.countryOfBirth")
            let citizenship = context.country(raw.citizenship, at: "person.citizenship")
            let identifiers = self.identifiers(raw.identifiers ?? [], at: "person.identifiers")
            let addresses = self.addresses(raw.addresses ?? [], at: "person.addresses")
            let phones = self.phones(raw.phones ?? [], at: "person.phones")
            let emails = self.emails(raw.emails ?? [], at: "person.emails")
            let travel = self.travel(raw.travel ?? [], at: "person.travel")
            let visas = self.visas(raw.visas ?? [], at: "person.visas")
            var risks = Set<RiskIndicator>()
            for (index, rawRisk) in (raw.riskIndicators ?? []).enumerated() {
                guard let label = context.text(rawRisk, at: "person.riskIndicators[\(index)]", limit: FieldLimits.short)
                else { continue }
                if let risk = RiskIndicator(label: label) {
                    risks.insert(risk)
                } else {
                    context.report(.riskIndicatorUnknown, at: "person.riskIndicators[\(index)]")
                }
            }
            guard let name else { return nil }
            return CanonicalPerson(
                name: name, aliases: aliases, dateOfBirth: dateOfBirth, sex: sex, countryOfBirth: countryOfBirth,
                citizenship: citizenship, identifiers: identifiers, addresses: addresses, phones: phones,
                emails: emails, travel: travel, visas: visas, riskIndicators: Array(risks))
        }

        /// A name from its raw form. `full` and the parts are checked separately so problems
        /// point at the part; when parts are given they decide the split and `full` is kept as
        /// the original. A name with no letters is `name.missing` when `required`; an optional
        /// name (alias, official) with nothing in it is skipped.
        mutating func personName(_ raw: RawName?, at path: String, required: Bool) -> PersonName? {
            guard let raw else {
                if required { context.report(.nameMissing, at: path) }
                return nil
            }
            var order = nameOrder
            if let hint = context.text(raw.order, at: "\(path).order", limit: FieldLimits.short) {
                if let parsed = NameOrder(hint: hint) {
                    order = parsed
                } else {
                    context.report(.hintUnknown, at: "\(path).order")
                }
            }
            let before = context.errors.count
            let full = nameText(raw.full, at: "\(path).full", allowComma: true)
            let given = nameText(raw.given, at: "\(path).given", allowComma: false)
            let middle = nameText(raw.middle, at: "\(path).middle", allowComma: false)
            let family = nameText(raw.family, at: "\(path).family", allowComma: false)
            guard context.errors.count == before else { return nil }

            let original = raw.full.map(PersonName.original)
            let name: PersonName?
            if given != nil || middle != nil || family != nil {
                name = NameParser.fromParts(original: original, given: given, middle: middle, family: family)
            } else if let full, let original {
                name = NameParser.split(original: original, full: full, order: order)
            } else {
                name = nil
            }
            if name == nil && (required || full != nil || given != nil || middle != nil || family != nil) {
                context.report(.nameMissing, at: path)
            }
            return name
        }

        private mutating func nameText(_ raw: String?, at field: @autoclosure () -> String, allowComma: Bool) -> String?
        {
            guard let text = context.text(raw, at: field(), limit: FieldLimits.name) else { return nil }
            guard NameParser.isNameText(text, allowComma: allowComma) else {
                context.report(.nameInvalidCharacters, at: field())
                return nil
            }
            return text
        }

        // MARK: Organisation

        private mutating func organisation(_ raw: RawOrganisation) -> CanonicalOrganisation? {
            var name = context.requiredText(
                raw.name, at: "organisation.name", limit: FieldLimits.name, missing: .nameMissing)
            if let text = name, PersonName.foldedKey(text).isEmpty {
                context.report(.nameMissing, at: "organisation.name")
                name = nil
            }
            var schoolCode: String?
            if let text = context.text(raw.schoolCode, at: "organisation.schoolCode", limit: FieldLimits.short) {
                switch CanonicalOrganisation.normaliseSchoolCode(text) {
                case .success(let code): schoolCode = code
                case .failure(let rejection): context.report(rejection, at: "organisation.schoolCode")
                }
            }
            let type = context.text(raw.organisationType, at: "organisation.organisationType", limit: FieldLimits.short)
            let addresses = self.addresses(raw.addresses ?? [], at: "organisation.addresses")
            var officials: [PersonName] = []
            for (index, rawOfficial) in (raw.officials ?? []).enumerated() {
                if let official = personName(rawOfficial, at: "organisation.officials[\(index)]", required: false) {
                    officials.append(official)
                }
            }
            let phones = self.phones(raw.phones ?? [], at: "organisation.phones")
            let emails = self.emails(raw.emails ?? [], at: "organisation.emails")
            guard let name else { return nil }
            return CanonicalOrganisation(
                name: name, schoolCode: schoolCode, organisationType: type, addresses: addresses,
                officials: officials, phones: phones, emails: emails)
        }
    }
}
