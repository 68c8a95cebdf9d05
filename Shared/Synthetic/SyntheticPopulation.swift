/// A deterministic population of true people, the ground truth a synthetic lead stream is
/// generated from.
///
/// Most people live alone; a share are generated as households (one or two parents and
/// children sharing family name and address, with different dates of birth), some of which
/// include twins (same date of birth, family name and address; given names that are neither
/// equal, nicknames nor transliterations of each other). The same seed and parameters always
/// give the same people.
public struct SyntheticPopulation: Sendable {
    /// The seed everything was drawn from.
    public let seed: UInt64
    /// The people, in `personID` order.
    public let people: [SyntheticPerson]

    /// Builds `count` people.
    /// - Parameters:
    ///   - seed: fixes the whole population.
    ///   - count: how many people.
    ///   - householdShare: probability that a new generated unit is a family rather than a single.
    ///   - twinShare: probability that a family includes twins.
    public init(seed: UInt64, count: Int, householdShare: Double = 0.12, twinShare: Double = 0.12) {
        precondition(count >= 0, "count must not be negative")
        self.seed = seed
        var builder = PopulationBuilder(random: SyntheticRandom.derived(seed, 0x5045_4F50), target: count)
        while builder.people.count < count {
            if builder.remaining >= 2 && builder.factory.random.chance(householdShare) {
                builder.addFamily(withTwins: builder.remaining >= 3 && builder.factory.random.chance(twinShare))
            } else {
                builder.addSingle()
            }
        }
        people = builder.people
    }

    /// The person with a label, if it belongs to this population.
    public func person(withID personID: String) -> SyntheticPerson? {
        guard personID.first == "P", let number = Int(personID.dropFirst()), number >= 1, number <= people.count
        else { return nil }
        return people[number - 1]
    }

    /// The label of the person at `index` (0-based): `P` and at least six digits.
    public static func personID(index: Int) -> String { "P" + PersonFactory.padded(index + 1, 6) }
}

/// Accumulates people unit by unit (singles and households).
struct PopulationBuilder {
    var factory: PersonFactory
    var people: [SyntheticPerson] = []
    let target: Int
    private var households = 0

    init(random: SyntheticRandom, target: Int) {
        factory = PersonFactory(random: random)
        self.target = target
        people.reserveCapacity(target)
    }

    var remaining: Int { target - people.count }

    /// One person living alone.
    mutating func addSingle() {
        let culture = NameCulture.sample(&factory.random)
        let male = factory.random.chance(0.5)
        let dob = SyntheticDate.random(years: 1945...2004, &factory.random)
        let address = SyntheticAddress.random(
            sinceYear: factory.random.int(in: max(dob.year + 18, 1995)...2024), &factory.random)
        add(
            culture: culture, male: male, given: factory.givenName(culture, male: male),
            family: factory.familyName(culture), dob: dob, address: address, householdID: nil, twinID: nil,
            bornInUS: false)
    }

    /// One or two parents and children (possibly twins), as many as fit in the target.
    mutating func addFamily(withTwins: Bool) {
        households += 1
        let household = "H" + PersonFactory.padded(households, 6)
        let culture = NameCulture.sample(&factory.random)
        let family = factory.familyName(culture)
        let address = SyntheticAddress.random(sinceYear: factory.random.int(in: 1995...2022), &factory.random)
        let parentYear = factory.random.int(in: 1950...1985)
        let childYears = (parentYear + 20)...min(parentYear + 40, 2012)

        func member(_ male: Bool, _ dob: SyntheticDate, given: String? = nil, twinID: String? = nil, child: Bool) {
            guard people.count < target else { return }
            add(
                culture: culture, male: male, given: given ?? factory.givenName(culture, male: male), family: family,
                dob: dob, address: address, householdID: household, twinID: twinID,
                bornInUS: child && factory.random.chance(0.5))
        }

        member(true, SyntheticDate.random(years: parentYear...parentYear, &factory.random), child: false)
        if withTwins {
            let first = people.count
            let dob = SyntheticDate.random(years: childYears, &factory.random)
            let firstMale = factory.random.chance(0.5)
            let secondMale = factory.random.chance(0.5)
            let firstName = factory.givenName(culture, male: firstMale)
            let secondName = factory.twinGivenName(culture, male: secondMale, other: firstName)
            member(
                firstMale, dob, given: firstName, twinID: SyntheticPopulation.personID(index: first + 1), child: true)
            member(secondMale, dob, given: secondName, twinID: SyntheticPopulation.personID(index: first), child: true)
        }
        if factory.random.chance(0.85) {
            let year = min(max(parentYear + factory.random.int(in: -4...4), 1945), 1990)
            member(false, SyntheticDate.random(years: year...year, &factory.random), child: false)
        }
        let children = withTwins ? factory.random.below(2) : factory.random.int(in: 1...3)
        var used: Set<SyntheticDate> = Set(people.suffix(4).filter { $0.householdID == household }.map(\.dateOfBirth))
        for _ in 0..<children {
            var dob = SyntheticDate.random(years: childYears, &factory.random)
            while used.contains(dob) { dob = SyntheticDate.random(years: childYears, &factory.random) }
            used.insert(dob)
            member(factory.random.chance(0.5), dob, child: true)
        }
    }

    private mutating func add(
        culture: NameCulture, male: Bool, given: String, family: String, dob: SyntheticDate,
        address: SyntheticAddress, householdID: String?, twinID: String?, bornInUS: Bool
    ) {
        let middle = factory.middleName(culture, male: male, given: given)
        let birth = bornInUS ? "USA" : factory.country(culture)
        let citizenship = birth == "USA" || factory.random.chance(0.08) ? "USA" : birth
        let passport = factory.random.chance(0.85) ? factory.passport() : nil
        let ssn = factory.random.chance(citizenship == "USA" ? 0.9 : 0.25) ? factory.ssn() : nil
        let alien = factory.random.chance(citizenship == "USA" ? 0.05 : 0.45) ? factory.alienNumber() : nil
        let phone = factory.random.chance(0.8) ? factory.phone() : nil
        let email = factory.random.chance(0.7) ? factory.email(given: given, family: family) : nil
        people.append(
            SyntheticPerson(
                personID: SyntheticPopulation.personID(index: people.count), culture: culture, isMale: male,
                given: given, middle: middle, family: family, dateOfBirth: dob, countryOfBirth: birth,
                citizenship: citizenship, passport: passport, ssn: ssn, alienNumber: alien, address: address,
                phone: phone, email: email, householdID: householdID, twinID: twinID))
    }
}
