import Testing

@testable import MatcherCore

@Suite("Name variants")
struct NameVariantsTests {
    @Test(arguments: [
        ("bill", "william"), ("bob", "robert"), ("liz", "elizabeth"), ("peggy", "margaret"), ("jim", "james"),
        ("mohammed", "muhammad"), ("mohamed", "mohammad"), ("aleksandr", "oleksandr"), ("yusuf", "youssef"),
        ("sergei", "serhiy"), ("zhang", "chang"),
    ])
    func variantsShareAGroup(a: String, b: String) {
        #expect(NameVariants.areVariants(a, b))
        #expect(NameVariants.areVariants(b, a))
    }

    @Test(arguments: [("john", "james"), ("william", "robert"), ("mohammed", "mahmoud"), ("bill", "bill")])
    func nonVariants(a: String, b: String) {
        #expect(!NameVariants.areVariants(a, b))
    }

    @Test func lookupReturnsTheCanonicalGroup() throws {
        let group = try #require(NameVariants.canonicalGroup(of: "peggy"))
        #expect(NameVariants.canonicalName(of: group) == "margaret")
        #expect(NameVariants.canonicalGroup(of: "quellory") == nil)
    }

    @Test func ambiguousShortFormsBelongToSeveralGroupsWithoutMergingThem() {
        #expect(NameVariants.groups(of: "al").count >= 3)
        #expect(NameVariants.areVariants("al", "albert"))
        #expect(NameVariants.areVariants("al", "alexander"))
        #expect(!NameVariants.areVariants("albert", "alexander"))
    }

    @Test func tableSize() {
        #expect(NameVariants.englishDiminutives.count >= 150)
        #expect(NameVariants.transliterations.count >= 30)
    }
}

@Suite("Name comparison")
struct NameComparisonTests {
    @Test(arguments: [
        // (given A, family A, given B, family B, family level, given level)
        ("tavin", "quellory", "tavin", "quellory", NameLevel.exact, NameLevel.exact),
        ("mohammed", "quellory", "muhammad", "quellory", .exact, .variant),
        ("bill", "quellory", "william", "quellory", .exact, .variant),
        ("tavin", "smith", "tavin", "smyth", .phonetic, .exact),
        ("elvira", "tavish", "elvina", "tavisk", .jaroWinklerHigh, .jaroWinklerHigh),
        ("torben", "quellory", "torsten", "quellory", .exact, .jaroWinklerMedium),
        ("maria", "quellory", "marta", "quellory", .exact, .jaroWinklerMedium),
        ("j", "quellory", "jasper", "quellory", .exact, .initial),
        ("tavin", "garcia lopez", "tavin", "garcia", .compoundPartial, .exact),
        ("tavin", "garcia lopez", "tavin", "garcia martinez", .compoundPartial, .exact),
        ("tavin", "lopez garcia", "tavin", "garcia lopez", .exact, .exact),
        ("tavin", "mc donald", "tavin", "mcdonald", .exact, .exact),
        ("tavin", "garcia-lopez", "tavin", "garcia lopez", .exact, .exact),
        ("anna maria", "quellory", "anna sofia", "quellory", .exact, .compoundPartial),
        ("anna maria", "quellory", "anna", "quellory", .exact, .exact),
        ("jasper robert", "quellory", "robert", "quellory", .exact, .compoundPartial),
        ("mario", "quellory", "maria", "quellory", .exact, .disagree),
        ("daniel", "quellory", "daniela", "quellory", .exact, .disagree),
        ("tavin", "quellory", "orsolya", "quellory", .exact, .disagree),
        ("tavin", "quellory", "", "quellory", .exact, .missing),
        ("tavin", "5mith", "tavin", "smith", .exact, .exact),
        ("mar1a", "quellory", "maria", "quellory", .exact, .jaroWinklerHigh),
        ("kaitlyn", "quellory", "caitlin", "quellory", .exact, .phonetic),
        ("mirela", "quellory", "mirella", "quellory", .exact, .phonetic),
        // Equal Double Metaphone codes, but too unlike in spelling for given names.
        ("juan", "quellory", "john", "quellory", .exact, .disagree),
        ("diane", "quellory", "donna", "quellory", .exact, .disagree),
        ("anthony", "quellory", "jonathan", "quellory", .exact, .disagree),
        // Long names that share only their first four code letters (APTL) are not phonetic.
        ("tavin", "abdelaziz", "tavin", "abdelrahman", .disagree, .exact),
    ])
    func levels(ga: String, fa: String, gb: String, fb: String, family: NameLevel, given: NameLevel) {
        let c = Fixture.names(ga, fa, gb, fb)
        #expect(c.family == family)
        #expect(c.given == given)
        let reverse = Fixture.names(gb, fb, ga, fa)
        #expect(reverse.family == family)
        #expect(reverse.given == given)
    }

    @Test func givenAndFamilySwappedIsDetected() {
        let c = Fixture.names("wei", "zhang", "zhang", "wei")
        #expect(c.family == .swapped)
        #expect(c.given == .swapped)
        #expect(c.swapQuality == .exact)
        #expect(c.familyValue == "wei")
        #expect(c.givenValue == "zhang")
    }

    @Test func swapWithATypoKeepsTheWeakerCrossedLevel() {
        let c = Fixture.names("tavin", "quellory", "quelory", "tavin")
        #expect(c.family == .swapped)
        #expect(c.swapQuality == .phonetic)
    }

    /// The synthetic benchmark's swapped records whose middle name was dropped: the swap must
    /// be seen from both sides, and carry no counter-evidence on either name.
    @Test func aSwapThatDroppedTheMiddleNameIsASwapBothWays() {
        for c in [Fixture.names("lopez", "ana", "ana maria", "lopez"), Fixture.names("ana maria", "lopez", "lopez", "ana")] {
            #expect(c.family == .swapped)
            #expect(c.given == .swapped)
            #expect(c.swapQuality == .exact)
        }
        let lead = Fixture.person("lopez", "ana", dob: Fixture.date(1990, 3, 4), ids: [Fixture.passport("P1234567")])
        let subject = Fixture.person("ana maria", "lopez", dob: Fixture.date(1990, 3, 4), ids: [Fixture.passport("P1234567")])
        #expect(Fixture.score(lead, subject).counterEvidence.isEmpty)
    }

    @Test func tokensSplitDifferentlyAreASwap() {
        let c = Fixture.names("wei", "zhang li", "li", "wei zhang")
        #expect(c.family == .swapped)
        #expect(c.given == .swapped)
    }

    @Test func agreeingValuesAreReportedForTermFrequency() {
        let exact = Fixture.names("tavin", "quellory", "tavin", "quellory")
        #expect(exact.familyValue == "quellory")
        #expect(exact.givenValue == "tavin")
        let compound = Fixture.names("tavin", "garcia lopez", "tavin", "garcia")
        #expect(compound.familyValue == "garcia")
    }
}

@Suite("Prepared name parts")
struct PreparedNamePartCacheTests {
    /// Records sharing a name share its prepared part, which equals one prepared afresh.
    @Test func aCachedPartIsSharedAndEqualsAFreshOne() {
        let raw = "Garcia-L0pez"  // a hyphen and an OCR digit, repaired on preparation
        let first = PreparedNamePart.cached(raw)
        let second = PreparedNamePart.cached(raw)
        let fresh = PreparedNamePart(raw)
        #expect(first.joined === second.joined, "the second lookup is the cached part")
        #expect(first.joined !== fresh.joined)
        #expect(first.value == "garcia lopez")
        #expect(first.tokens.map(\.text) == fresh.tokens.map(\.text))
        #expect(first.joined.codes == fresh.joined.codes)
        #expect(first.joined.fullCodes == fresh.joined.fullCodes)
        #expect(first.joined.groups == fresh.joined.groups)
        #expect(first.joined.ocrFolded == fresh.joined.ocrFolded)
        #expect(PreparedNamePart.cached("garcia lopez").value == first.value, "other raw text, its own entry")
    }
}
