/// Fellegi–Sunter scoring of a lead against one candidate subject.
///
/// Each attribute is compared to a level (see the comparison types); the level's weight
/// `log2(m/u)` comes from ``MatchModel``, with Winkler's term-frequency adjustment for exact
/// name agreement (`u` = frequency of the agreeing name, floored) and generic values (shared
/// by more subjects than the model allows) counted as no evidence. The total adds the prior
/// log2 odds, so it is the posterior log2 odds under the model's independence assumption.
public struct MatchScorer<Frequencies: TermFrequencies>: Sendable {
    public var model: MatchModel
    public var frequencies: Frequencies

    public init(model: MatchModel = .default, frequencies: Frequencies) {
        self.model = model
        self.frequencies = frequencies
    }

    /// Scores two plain records (prepares them first; prefer the prepared overload in loops).
    public func score(_ lead: MatchRecord, against candidate: MatchRecord) -> MatchScore {
        score(PreparedRecord(lead), against: PreparedRecord(candidate))
    }

    public func score(_ lead: PreparedRecord, against candidate: PreparedRecord) -> MatchScore {
        var builder = ScoreBuilder()
        let a = lead.record
        let b = candidate.record
        guard a.kind == b.kind else {
            builder.add(AttributeContribution(attribute: .recordKind, level: "disagree", weight: -1000))
            builder.counterEvidence.append(.recordKindDiffers)
            return builder.finish()
        }
        let prior = a.kind == .person ? model.personPriorLog2Odds : model.organisationPriorLog2Odds
        builder.add(AttributeContribution(attribute: .prior, level: a.kind.rawValue, weight: prior))

        let sameFamily = scoreNames(lead.names, candidate.names, into: &builder)

        var dateAgrees = false
        if a.kind == .person {
            let date = DateComparison.compare(a.dateOfBirth, b.dateOfBirth)
            dateAgrees = date.agreesAsFarAsKnown
            builder.add(dateContribution(date, a.dateOfBirth))
            if let x = a.dateOfBirth, let y = b.dateOfBirth,
                (date.level == .disagree && date.bothComplete) || (!date.bothComplete && abs(x.year - y.year) >= 2)
            {
                builder.counterEvidence.append(.dateOfBirthDisagrees)
            }

            let sex = SexComparison.compare(a.sex, b.sex)
            builder.add(agreement(.sex, sex, model.sex))
            if sex == .disagree { builder.counterEvidence.append(.sexDisagrees) }

            builder.add(countryContribution(CountryComparison.compare(a, b)))
        }
        builder.add(
            addressContribution(AddressComparison.compare(lead.addresses, candidate.addresses), sameFamily: sameFamily))
        for comparison in IdentifierComparison.compare(lead.identifiers, candidate.identifiers) {
            scoreIdentifier(comparison, sameFamily: sameFamily, into: &builder)
        }
        if sameFamily && dateAgrees { builder.settleGivenNameByDocument() }
        return builder.finish()
    }

    // MARK: Names

    /// Scores the best-agreeing pair of names (primary names and aliases).
    /// - Returns: whether the family names agree (any level from exact to Jaro–Winkler high,
    ///   compound or swapped): then household attributes are scored as household evidence.
    private func scoreNames(
        _ leadNames: [PreparedName], _ candidateNames: [PreparedName], into builder: inout ScoreBuilder
    ) -> Bool {
        var best: (family: AttributeContribution, given: AttributeContribution, comparison: NameComparison)? = nil
        for (i, x) in leadNames.enumerated() {
            for (j, y) in candidateNames.enumerated() {
                let comparison = NameComparison.compare(x, y)
                var family = nameContribution(.familyName, comparison.family, comparison, model.family)
                var given = nameContribution(.givenName, comparison.given, comparison, model.given)
                if best == nil || family.weight + given.weight > best!.family.weight + best!.given.weight {
                    if i > 0 || j > 0 {
                        family.note = family.note.isEmpty ? "alias" : family.note + "; alias"
                        given.note = given.note.isEmpty ? "alias" : given.note + "; alias"
                    }
                    best = (family, given, comparison)
                }
            }
        }
        guard let best else {
            builder.add(AttributeContribution(attribute: .familyName, level: NameLevel.missing.rawValue, weight: 0))
            builder.add(AttributeContribution(attribute: .givenName, level: NameLevel.missing.rawValue, weight: 0))
            return false
        }
        builder.add(best.family)
        builder.add(best.given)
        if best.comparison.family == .disagree { builder.counterEvidence.append(.familyNameDisagrees) }
        switch best.comparison.given {
        case .disagree: builder.counterEvidence.append(.givenNameDisagrees)
        case .jaroWinklerMedium, .initial, .compoundPartial: builder.counterEvidence.append(.givenNameUnconfirmed)
        default: break
        }
        let family = best.comparison.family
        return family.isStrong || family == .compoundPartial || family == .swapped
    }

    private func nameContribution(
        _ attribute: MatchAttribute, _ level: NameLevel, _ comparison: NameComparison, _ part: NamePartModel
    ) -> AttributeContribution {
        guard var p = part.probabilities(level) else {
            return AttributeContribution(attribute: attribute, level: level.rawValue, weight: 0)
        }
        let value = attribute == .familyName ? comparison.familyValue : comparison.givenValue
        var notes: [String] = []
        if level == .swapped, let quality = comparison.swapQuality, quality != .exact,
            let q = part.probabilities(quality)
        {
            // A swap combined with a spelling difference: both must have happened.
            p.m *= q.m / part.exact.m
            p.u = q.u
            notes.append("swapped order, crossed parts agree at level \(quality.rawValue)")
        } else if level == .exact || level == .compoundPartial || level == .swapped, let value,
            let frequency = attribute == .familyName
                ? frequencies.frequency(ofFamily: value) : frequencies.frequency(ofGiven: value)
        {
            p.u = max(frequency, model.termFrequencyFloor)
            notes.append("term frequency")
        }
        if level == .swapped && notes.isEmpty { notes.append("swapped order") }
        return AttributeContribution(
            attribute: attribute, level: level.rawValue, weight: p.weight, m: p.m, u: p.u,
            note: notes.joined(separator: "; "))
    }

    // MARK: Other attributes

    private func dateContribution(_ date: DateComparison, _ leadDate: PartialDate?) -> AttributeContribution {
        let d = model.dateOfBirth
        var note = ""
        let p: LevelProbabilities?
        switch date.level {
        case .exact:
            if leadDate?.month == 1 && leadDate?.day == 1 {
                p = LevelProbabilities(m: d.exact.m, u: d.exact.u * d.firstOfJanuaryUFactor)
                note = "1 January, a common placeholder"
            } else {
                p = d.exact
            }
        case .dayMonthSwapped: p = d.dayMonthSwapped
        case .oneDigitTypo, .yearOffByOne:
            if date.bothComplete {
                p = date.level == .oneDigitTypo ? d.oneDigitTypo : d.yearOffByOne
            } else {
                p = d.partialNearMiss
                note = "partial date"
            }
        case .partialAgrees:
            p = date.monthAgrees ? d.partialYearMonth : d.partialYear
            note = date.monthAgrees ? "year and month compared" : "year compared"
        case .disagree:
            p = d.disagree
            if !date.bothComplete { note = "partial date" }
        case .missing: p = nil
        }
        return contribution(.dateOfBirth, date.level.rawValue, p, note: note)
    }

    private func agreement(_ attribute: MatchAttribute, _ level: AgreementLevel, _ m: AgreementModel) -> AttributeContribution {
        let p: LevelProbabilities? = switch level {
        case .agree: m.agree
        case .disagree: m.disagree
        case .missing: nil
        }
        return contribution(attribute, level.rawValue, p)
    }

    private func countryContribution(_ level: CountryLevel) -> AttributeContribution {
        let c = model.countries
        let p: LevelProbabilities? = switch level {
        case .agree: c.agree
        case .mixed: c.mixed
        case .disagree: c.disagree
        case .missing: nil
        }
        return contribution(.countries, level.rawValue, p)
    }

    /// - Parameter sameFamily: the family names agree. Members of one household share the
    ///   family name *and* the address, so given the first agreement the second is far less
    ///   surprising: the household `u` applies instead of counting both as independent.
    private func addressContribution(_ comparison: AddressComparison, sameFamily: Bool) -> AttributeContribution {
        let a = model.address
        let p: LevelProbabilities?
        switch comparison.level {
        case .lineAgrees, .zipAgrees:
            if comparison.level == .lineAgrees, let address = comparison.agreeing,
                let count = frequencies.subjectCount(sharingAddress: address), count > a.genericAbove
            {
                return AttributeContribution(
                    attribute: .address, level: comparison.level.rawValue, weight: 0,
                    note: "generic value: shared by \(count) subjects")
            }
            if comparison.level == .zipAgrees {
                p = a.zipAgrees
            } else {
                p = sameFamily ? a.householdLineAgrees : a.lineAgrees
                if sameFamily { return contribution(.address, comparison.level.rawValue, p, note: "household") }
            }
        case .disagree: p = a.disagree
        case .missing: p = nil
        }
        return contribution(.address, comparison.level.rawValue, p)
    }

    private func scoreIdentifier(_ comparison: IdentifierComparison, sameFamily: Bool, into builder: inout ScoreBuilder) {
        let attribute = MatchAttribute.identifier(type: comparison.type, issuer: comparison.issuer)
        let idModel = model.identifierModel(comparison.type)
        var p: LevelProbabilities?
        var note = ""
        switch comparison.level {
        case .exact:
            p = idModel.exact
            if sameFamily, let household = idModel.householdExact {
                p = household
                note = "household"
            }
        case .typo: p = idModel.typo
        case .conflicting: p = idModel.conflicting
        case .noneComparable: p = nil
        }
        if p != nil, let count = genericCount(comparison, idModel) {
            builder.add(
                AttributeContribution(
                    attribute: attribute, level: comparison.level.rawValue, weight: 0,
                    note: "generic value: shared by \(count) subjects"))
            return
        }
        builder.add(contribution(attribute, comparison.level.rawValue, p, note: note))
        if comparison.level == .exact && idModel.conflictIsCounterEvidence && note.isEmpty {
            builder.documentAgrees = true
        }
        if comparison.level == .conflicting && idModel.conflictIsCounterEvidence {
            builder.counterEvidence.append(.conflictingIdentifier(type: comparison.type, issuer: comparison.issuer))
        }
    }

    /// The number of subjects sharing a compared value, when above the model's limit.
    private func genericCount(_ c: IdentifierComparison, _ idModel: IdentifierModel) -> Int? {
        for value in c.level == .exact ? [c.leadValue] : [c.leadValue, c.candidateValue] {
            if let count = frequencies.subjectCount(sharingIdentifier: c.type, issuer: c.issuer, value: value),
                count > idModel.genericAbove
            {
                return count
            }
        }
        return nil
    }

    private func contribution(
        _ attribute: MatchAttribute, _ level: String, _ p: LevelProbabilities?, note: String = ""
    ) -> AttributeContribution {
        guard let p else { return AttributeContribution(attribute: attribute, level: level, weight: 0, note: note) }
        return AttributeContribution(attribute: attribute, level: level, weight: p.weight, m: p.m, u: p.u, note: note)
    }
}

extension MatchScorer where Frequencies == NoTermFrequencies {
    /// A scorer without frequency information.
    public init(model: MatchModel = .default) {
        self.init(model: model, frequencies: NoTermFrequencies())
    }
}

/// Accumulates contributions and the running total.
private struct ScoreBuilder {
    var contributions: [AttributeContribution] = []
    var counterEvidence: [CounterEvidence] = []
    var total = 0.0
    /// An identity document or lifetime number (a type whose conflict is counter-evidence)
    /// agrees exactly, and is not generic.
    var documentAgrees = false

    init() { contributions.reserveCapacity(10) }

    mutating func add(_ c: AttributeContribution) {
        contributions.append(c)
        total += c.weight
    }

    /// A given name that disagrees or only partly agrees is no counter-evidence when an identity
    /// document agrees exactly, no identifier conflicts, and (checked by the caller) the family
    /// name and the date of birth agree as far as both records give it (the full date, the date
    /// with day and month swapped, or a partial date's year and month).
    ///
    /// Why: the given-name rules exist for twins and siblings, who share the family name, the
    /// date and often the address, but never a passport or an A-number. With the document,
    /// the date and the family name agreeing, a different given name is a typo, a nickname the
    /// variant table does not know, or a middle name used as first name (the synthetic
    /// benchmark's largest group of missed links). What is left is a document copied into a
    /// twin's record; the `u` of an exact document agreement (1e-6) is that case's rate. The
    /// date is required, and a missing one is not enough, because of the other relative who
    /// shares a family name and may be handed a document: a parent and child of one name
    /// (Sr. and Jr.), born in different years.
    mutating func settleGivenNameByDocument() {
        guard documentAgrees,
            !counterEvidence.contains(where: { if case .conflictingIdentifier = $0 { true } else { false } })
        else { return }
        let before = counterEvidence.count
        counterEvidence.removeAll { $0 == .givenNameDisagrees || $0 == .givenNameUnconfirmed }
        guard counterEvidence.count < before,
            let index = contributions.firstIndex(where: { $0.attribute == .givenName })
        else { return }
        let note = "no counter-evidence: an identity document, the family name and the date of birth agree"
        contributions[index].note = contributions[index].note.isEmpty ? note : contributions[index].note + "; " + note
    }

    func finish() -> MatchScore {
        MatchScore(total: total, contributions: contributions, counterEvidence: counterEvidence)
    }
}
