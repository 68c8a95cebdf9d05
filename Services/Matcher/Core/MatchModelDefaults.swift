extension MatchModel {
    /// Reasoned priors for LeadTrac's population (tens of millions of subjects, mostly
    /// foreign nationals, data keyed from documents, feeds and spreadsheets).
    ///
    /// How to read the numbers: `m` is the share of true duplicates showing the level (so the
    /// `m` of one attribute's levels sum to about 1); `u` is the chance that two *different*
    /// subjects show it. Where people in one household share a value (family name, address,
    /// phone) `u` is set well above its population rate, because such agreements come together
    /// and a model assuming independence would otherwise count them twice.
    public static let `default` = MatchModel(
        // One true match among ~10 million subjects, and about half of all leads are about
        // someone already known: prior odds ≈ 0.5 / 10^7 ≈ 2^-24.
        personPriorLog2Odds: -24,
        // Schools and programmes number in the thousands: ≈ 2^-14.
        organisationPriorLog2Odds: -14,
        family: NamePartModel(
            // 84 % of duplicates carry the same family name; the rest are typos, OCR errors,
            // compound names cut short, swaps. u = share of subjects with the value (TF);
            // 0.002 is the chance two random subjects share a surname.
            exact: LevelProbabilities(m: 0.84, u: 0.002),
            // Transliteration variants of family names are rare (Zhang/Chang).
            variant: LevelProbabilities(m: 0.005, u: 0.0002),
            // Sound-alike spellings: common among typos, and 4-letter codes collide often.
            phonetic: LevelProbabilities(m: 0.035, u: 0.002),
            jaroWinklerHigh: LevelProbabilities(m: 0.03, u: 0.0008),
            jaroWinklerMedium: LevelProbabilities(m: 0.01, u: 0.004),
            initial: LevelProbabilities(m: 0.002, u: 0.0002),
            // One token of a compound name: u is that token's frequency (TF).
            compoundPartial: LevelProbabilities(m: 0.02, u: 0.002),
            // Order swapped in the source (4 % of records). u is the frequency of the value,
            // like exact: a crossed agreement is as unlikely by chance as a straight one.
            swapped: LevelProbabilities(m: 0.04, u: 0.002),
            disagree: LevelProbabilities(m: 0.018, u: 0.99)),
        given: NamePartModel(
            // Given names vary more than family names (nicknames, initials, middle names).
            exact: LevelProbabilities(m: 0.78, u: 0.004),
            // Nicknames and transliterations: 8 % of duplicates, and a random pair of
            // different names is rarely in one group.
            variant: LevelProbabilities(m: 0.08, u: 0.001),
            phonetic: LevelProbabilities(m: 0.03, u: 0.004),
            jaroWinklerHigh: LevelProbabilities(m: 0.02, u: 0.002),
            jaroWinklerMedium: LevelProbabilities(m: 0.01, u: 0.008),
            // One letter agreeing: about 1 in 15 by chance.
            initial: LevelProbabilities(m: 0.02, u: 0.0015),
            compoundPartial: LevelProbabilities(m: 0.02, u: 0.004),
            // Conditional on the family name being swapped, the given name is swapped too
            // (m ≈ 0.9): the swap is one event, already paid for on the family name.
            swapped: LevelProbabilities(m: 0.9, u: 0.004),
            disagree: LevelProbabilities(m: 0.04, u: 0.98)),
        dateOfBirth: DateModel(
            // Birth dates spread over ~40 likely years: u ≈ 1 / 15,000.
            exact: LevelProbabilities(m: 0.87, u: 1.0 / 15_000),
            firstOfJanuaryUFactor: 15,
            // US vs. European order: 4 % of duplicates; as rare by chance as exact agreement.
            dayMonthSwapped: LevelProbabilities(m: 0.04, u: 1.0 / 15_000),
            // About 20 valid dates lie one digit away from any date.
            oneDigitTypo: LevelProbabilities(m: 0.03, u: 20.0 / 15_000),
            yearOffByOne: LevelProbabilities(m: 0.02, u: 2.0 / 15_000),
            // 3 % of duplicates have a partial date; the year agrees by chance 1 in 40, year
            // and month 1 in 480.
            partialYear: LevelProbabilities(m: 0.03, u: 0.03 / 40),
            partialYearMonth: LevelProbabilities(m: 0.03, u: 0.03 / 480),
            // A partial date one year (or digit) off: about as likely by error as by chance.
            partialNearMiss: LevelProbabilities(m: 0.002, u: 0.002),
            disagree: LevelProbabilities(m: 0.01, u: 0.997)),
        // Sex is recorded wrongly in ~2 % of duplicates.
        sex: AgreementModel(
            agree: LevelProbabilities(m: 0.97, u: 0.5),
            disagree: LevelProbabilities(m: 0.02, u: 0.5)),
        // The subject population is concentrated in a few countries: u(agree) = 0.15.
        countries: CountryModel(
            agree: LevelProbabilities(m: 0.92, u: 0.15),
            mixed: LevelProbabilities(m: 0.05, u: 0.05),
            disagree: LevelProbabilities(m: 0.03, u: 0.80)),
        // People move (only 35 % of duplicates share an address line). u = 1/1000 is far above
        // the population rate, for shared housing; with the family name agreeing as well,
        // u = 1/50: that pair is mostly other members of the household.
        address: AddressModel(
            lineAgrees: LevelProbabilities(m: 0.35, u: 0.001),
            householdLineAgrees: LevelProbabilities(m: 0.35, u: 0.02),
            zipAgrees: LevelProbabilities(m: 0.15, u: 0.02),
            disagree: LevelProbabilities(m: 0.50, u: 0.979),
            genericAbove: 8),
        identifiers: [
            // A passport is renewed with a new number: 10 % of duplicates conflict.
            IdentifierType.passport: .document(conflictM: 0.10),
            // Lifetime numbers: a conflict is almost always a different person.
            IdentifierType.alienNumber: .document(conflictM: 0.02),
            IdentifierType.socialSecurity: .document(conflictM: 0.02),
            IdentifierType.fingerprint: .document(conflictM: 0.02),
            IdentifierType.visaFoil: .document(conflictM: 0.10),
            IdentifierType.driversLicence: .document(conflictM: 0.10),
            IdentifierType.studentProgramme: .document(conflictM: 0.05),
            // A new admission number with every entry: a difference says nothing.
            IdentifierType.admission: .contact(exactM: 0.30),
            IdentifierType.phone: .contact(exactM: 0.40),
            IdentifierType.email: .contact(exactM: 0.40),
            IdentifierType.schoolCode: IdentifierModel(
                exact: LevelProbabilities(m: 0.95, u: 1e-6),
                typo: LevelProbabilities(m: 0.02, u: 1e-3),
                conflicting: LevelProbabilities(m: 0.03, u: 0.999),
                householdExact: nil, conflictIsCounterEvidence: true, genericAbove: 1),
        ],
        otherIdentifier: .document(conflictM: 0.05),
        termFrequencyFloor: 1e-4)
}

extension IdentifierModel {
    /// An identity document or lifetime number.
    ///
    /// Exact agreement: m = 0.92 (the rest are typos or renewals); u = 1e-6 is not the chance
    /// of two people drawing one number (far lower) but of a number copied into the wrong
    /// record, which happens. One character off: u = 1e-4, because family members' documents
    /// are often issued with consecutive numbers. Held by more than 2 subjects: generic.
    public static func document(conflictM: Double) -> IdentifierModel {
        IdentifierModel(
            exact: LevelProbabilities(m: 0.92, u: 1e-6),
            typo: LevelProbabilities(m: 0.03, u: 1e-4),
            conflicting: LevelProbabilities(m: conflictM, u: 0.9999),
            householdExact: nil,
            conflictIsCounterEvidence: true,
            genericAbove: 2)
    }

    /// Contact data and per-event numbers: shared in households and changed often, so
    /// agreement is good evidence (weak within one family) but a difference is none.
    public static func contact(exactM: Double) -> IdentifierModel {
        IdentifierModel(
            exact: LevelProbabilities(m: exactM, u: 1e-4),
            typo: LevelProbabilities(m: 0.02, u: 1e-3),
            conflicting: LevelProbabilities(m: 1, u: 1),
            householdExact: LevelProbabilities(m: exactM, u: 0.02),
            conflictIsCounterEvidence: false,
            genericAbove: 5)
    }
}
