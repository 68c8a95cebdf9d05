import Foundation
import Testing

@testable import MatcherCore

@Suite("Fellegi–Sunter scoring")
struct ScoringTests {
    let model = MatchModel.default
    static let home = Address(line: "12 quillon st", zip5: "10001")

    static let subject = Fixture.person(
        "tavin", "quellory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX",
        ids: [Fixture.passport("P1234567")], addresses: [home])

    @Test func weightIsLog2OfMOverU() {
        #expect(approx(LevelProbabilities(m: 0.9, u: 0.9 / 1024).weight, 10))
    }

    @Test func totalIsPriorPlusContributions() {
        let score = Fixture.score(Self.subject, Self.subject)
        #expect(approx(score.total, score.contributions.map(\.weight).reduce(0, +)))
        #expect(score.weight(.prior) == model.personPriorLog2Odds)
    }

    @Test func exactAgreementWeightsWithoutFrequencies() {
        let score = Fixture.score(Self.subject, Self.subject)
        #expect(score.level(.familyName) == "exact")
        #expect(approx(score.weight(.familyName), log2(0.84 / 0.002)))
        #expect(approx(score.weight(.givenName), log2(0.78 / 0.004)))
        #expect(approx(score.weight(.dateOfBirth), log2(0.87 * 15_000)))
        #expect(approx(score.weight(.sex), log2(0.97 / 0.5)))
        #expect(approx(score.weight(.countries), log2(0.92 / 0.15)))
        // The family name agrees too, so the address counts as household evidence.
        #expect(approx(score.weight(.address), log2(0.35 / 0.02)))
        #expect(approx(score.weight(.identifier(type: "passport", issuer: "MEX")), log2(0.92 / 1e-6)))
        #expect(score.counterEvidence.isEmpty)
    }

    @Test func exactNameDobPassportFarOutweighsVariantNameAndSwappedDob() {
        let exact = Fixture.score(Self.subject, Self.subject)
        let weak = Fixture.score(
            Fixture.person("tavin", "quelory", dob: Fixture.date(1990, 4, 3), sex: .male, country: "MEX"), Self.subject)
        #expect(weak.level(.familyName) == "phonetic")
        #expect(weak.level(.dateOfBirth) == "dayMonthSwapped")
        #expect(approx(weak.weight(.dateOfBirth), log2(0.04 * 15_000)))
        #expect(exact.total - weak.total > 30)
    }

    @Test func nameVariantScoresBelowExactButWellAboveDisagreement() {
        let exact = Fixture.score(Fixture.person("william", "quellory"), Fixture.person("william", "quellory"))
        let variant = Fixture.score(Fixture.person("bill", "quellory"), Fixture.person("william", "quellory"))
        let other = Fixture.score(Fixture.person("oskar", "quellory"), Fixture.person("william", "quellory"))
        #expect(variant.level(.givenName) == "variant")
        #expect(approx(variant.weight(.givenName), log2(0.08 / 0.001)))
        #expect(approx(other.weight(.givenName), log2(0.04 / 0.98)))
        #expect(exact.weight(.givenName) > other.weight(.givenName))
        #expect(variant.weight(.givenName) > 6)
        #expect(other.counterEvidence == [.givenNameDisagrees])
    }

    @Test func partialDateAgreementWeighsByPrecision() {
        let year = Fixture.score(Fixture.person("tavin", "quellory", dob: Fixture.date(1990)), Self.subject)
        let month = Fixture.score(Fixture.person("tavin", "quellory", dob: Fixture.date(1990, 3)), Self.subject)
        #expect(year.level(.dateOfBirth) == "partialAgrees")
        #expect(approx(year.weight(.dateOfBirth), log2(40)))
        #expect(approx(month.weight(.dateOfBirth), log2(480)))
    }

    @Test func firstOfJanuaryIsAWeakerAgreement() {
        let a = Fixture.person("tavin", "quellory", dob: Fixture.date(1990, 1, 1))
        let b = Fixture.person("tavin", "quellory", dob: Fixture.date(1990, 1, 2))
        let janFirst = Fixture.score(a, a).weight(.dateOfBirth)
        #expect(approx(janFirst, log2(0.87 * 15_000 / 15)))
        #expect(Fixture.score(b, b).weight(.dateOfBirth) - janFirst > 3.9)
    }

    @Test func swappedNamesScoreBelowStraightButStillAgree() {
        let straight = Fixture.score(Fixture.person("wei", "zhang"), Fixture.person("wei", "zhang"))
        let swapped = Fixture.score(Fixture.person("zhang", "wei"), Fixture.person("wei", "zhang"))
        #expect(swapped.level(.familyName) == "swapped")
        #expect(swapped.level(.givenName) == "swapped")
        let swappedNames = swapped.weight(.familyName) + swapped.weight(.givenName)
        #expect(approx(swappedNames, log2(0.04 / 0.002) + log2(0.9 / 0.004)))
        #expect(swappedNames > 10)
        #expect(straight.weight(.familyName) + straight.weight(.givenName) > swappedNames)
        #expect(swapped.counterEvidence.isEmpty)
    }

    @Test func compoundSurnamePartialUsesTheAgreeingTokensFrequency() {
        let frequencies = FixedFrequencies(family: ["garcia": 0.01])
        let scorer = MatchScorer(frequencies: frequencies)
        let score = scorer.score(Fixture.person("tavin", "garcia lopez"), against: Fixture.person("tavin", "garcia"))
        #expect(score.level(.familyName) == "compoundPartial")
        #expect(approx(score.weight(.familyName), log2(0.02 / 0.01)))
    }

    @Test func rareFamilyNameAgreementOutweighsACommonOne() {
        let frequencies = FixedFrequencies(family: ["quellory": 0.00002, "smith": 0.01], given: ["tavin": 0.001])
        let scorer = MatchScorer(frequencies: frequencies)
        let rare = scorer.score(Fixture.person("tavin", "quellory"), against: Fixture.person("tavin", "quellory"))
        let common = scorer.score(Fixture.person("tavin", "smith"), against: Fixture.person("tavin", "smith"))
        // u = the name's frequency, floored at 1e-4 so that no single name is proof.
        #expect(approx(rare.weight(.familyName), log2(0.84 / 1e-4)))
        #expect(approx(common.weight(.familyName), log2(0.84 / 0.01)))
        #expect(approx(rare.weight(.givenName), log2(0.78 / 0.001)))
        #expect(rare.weight(.familyName) - common.weight(.familyName) > 6)
        #expect(rare.contribution(.familyName)?.note == "term frequency")
    }

    @Test func termFrequencyTableCountsSubjects() {
        let table = TermFrequencyTable(subjects: [
            Fixture.person("tavin", "garcia lopez"), Fixture.person("mirela", "garcia"),
            Fixture.person("oskar", "quellory"), Fixture.person("tavin", "orsk"),
        ])
        #expect(table.frequency(ofFamily: "garcia") == 0.5)
        #expect(table.frequency(ofFamily: "garcia lopez") == 0.25)
        #expect(table.frequency(ofGiven: "tavin") == 0.5)
        #expect(table.frequency(ofFamily: "smith") == nil)
    }

    @Test func genericIdentifierContributesNothing() {
        let frequencies = FixedFrequencies(identifierCounts: ["5550100": 40])
        let scorer = MatchScorer(frequencies: frequencies)
        let phone = Identifier(type: IdentifierType.phone, value: "555-0100")
        let score = scorer.score(
            Fixture.person("tavin", "quellory", ids: [phone]), against: Fixture.person("mirela", "orsk", ids: [phone]))
        let c = score.contribution(.identifier(type: "phone", issuer: nil))
        #expect(c?.level == "exact")
        #expect(c?.weight == 0)
        #expect(c?.note == "generic value: shared by 40 subjects")
    }

    @Test func genericPassportValueNeitherLinksNorConflicts() {
        let frequencies = FixedFrequencies(identifierCounts: ["P7777777": 3])
        let scorer = MatchScorer(frequencies: frequencies)
        let score = scorer.score(
            Fixture.person("tavin", "quellory", ids: [Fixture.passport("P7777777")]),
            against: Fixture.person("tavin", "quellory", ids: [Fixture.passport("P1234567")]))
        #expect(score.weight(.identifier(type: "passport", issuer: "MEX")) == 0)
        #expect(score.counterEvidence.isEmpty)
    }

    @Test func genericAddressContributesNothing() {
        let shelter = Address(line: "1 quillon shelter way", zip5: "10001")
        let frequencies = FixedFrequencies(addressCounts: [shelter.line: 60])
        let scorer = MatchScorer(frequencies: frequencies)
        let score = scorer.score(
            Fixture.person("tavin", "quellory", addresses: [shelter]),
            against: Fixture.person("mirela", "orsk", addresses: [shelter]))
        #expect(score.level(.address) == "lineAgrees")
        #expect(score.weight(.address) == 0)
    }

    @Test func sharedAddressCountsFullyOnlyWithoutTheFamilyName() {
        let a = Fixture.score(
            Fixture.person("tavin", "quellory", addresses: [Self.home]), Fixture.person("tavin", "orsk", addresses: [Self.home]))
        #expect(approx(a.weight(.address), log2(0.35 / 0.001)))
        let b = Fixture.score(
            Fixture.person("tavin", "quellory", addresses: [Self.home]),
            Fixture.person("mirela", "quellory", addresses: [Self.home]))
        #expect(b.contribution(.address)?.note == "household")
        #expect(a.weight(.address) > b.weight(.address) + 4)
    }

    @Test func passportTypoIsEvidenceButConflictIsCounterEvidence() {
        let typo = Fixture.score(
            Fixture.person("tavin", "quellory", ids: [Fixture.passport("P1234568")]), Self.subject)
        #expect(typo.level(.identifier(type: "passport", issuer: "MEX")) == "typo")
        #expect(approx(typo.weight(.identifier(type: "passport", issuer: "MEX")), log2(0.03 / 1e-4)))
        #expect(typo.counterEvidence.isEmpty)

        let conflict = Fixture.score(
            Fixture.person("tavin", "quellory", ids: [Fixture.passport("P7654321")]), Self.subject)
        #expect(conflict.level(.identifier(type: "passport", issuer: "MEX")) == "conflicting")
        #expect(approx(conflict.weight(.identifier(type: "passport", issuer: "MEX")), log2(0.10 / 0.9999)))
        #expect(conflict.counterEvidence == [.conflictingIdentifier(type: "passport", issuer: "MEX")])
    }

    @Test func conflictingPhoneIsNotCounterEvidence() {
        let a = Fixture.person("tavin", "quellory", ids: [Identifier(type: IdentifierType.phone, value: "2025550143")])
        let b = Fixture.person("tavin", "quellory", ids: [Identifier(type: IdentifierType.phone, value: "3055550199")])
        let score = Fixture.score(a, b)
        #expect(score.weight(.identifier(type: "phone", issuer: nil)) == 0)
        #expect(score.counterEvidence.isEmpty)
    }

    @Test func strongCounterEvidenceIsRecorded() {
        let other = Fixture.person("tavin", "quellory", dob: Fixture.date(1971, 11, 23), sex: .female)
        let score = Fixture.score(other, Self.subject)
        #expect(Set(score.counterEvidence) == [.dateOfBirthDisagrees, .sexDisagrees])
        // A parent and child of one name: partial date, but decades apart.
        let parent = Fixture.person("tavin", "quellory", dob: Fixture.date(1961))
        #expect(Fixture.score(parent, Self.subject).counterEvidence == [.dateOfBirthDisagrees])
    }

    @Test func twinsScoreBelowAutoLinkAndCarryCounterEvidence() {
        let twin = Fixture.person(
            "oskar", "quellory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX", addresses: [Self.home])
        let score = Fixture.score(twin, Self.subject)
        #expect(score.level(.dateOfBirth) == "exact")
        #expect(score.level(.givenName) == "disagree")
        #expect(score.total < MatchThresholds.default.autoLink)
        #expect(score.counterEvidence == [.givenNameDisagrees])
    }

    /// The given-name rules stop twins; a twin never holds the person's passport. With the
    /// passport, the family name and the date agreeing, a given name that disagrees or only
    /// partly agrees (typo, unknown nickname, middle name used) no longer blocks the link.
    @Test(arguments: [("gustavo", "disagree"), ("tamin", "jaroWinklerMedium"), ("marco tavin", "compoundPartial")])
    func aDocumentWithFamilyNameAndFullDateSettlesTheGivenName(given: String, level: String) {
        let lead = Fixture.person(
            given, "quellory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX", ids: [Fixture.passport("P1234567")])
        let score = Fixture.score(lead, Self.subject)
        #expect(score.level(.givenName) == level)
        #expect(score.counterEvidence.isEmpty)
        #expect(score.contributions.first { $0.attribute == .givenName }?.note.contains("identity document") == true)
        #expect(decide(candidates: [(subjectID: "s", score: score)]).outcome == .autoLink(subjectID: "s"))
    }

    /// The date need only agree as far as both records give it: a twin shares it anyway, and what
    /// it rules out, a parent and child of one name, is born in another year.
    @Test(arguments: [(Fixture.date(1990), "partialAgrees"), (Fixture.date(1990, 3), "partialAgrees"), (Fixture.date(1990, 4, 3), "dayMonthSwapped")])
    func aDocumentSettlesTheGivenNameWhenTheDateAgreesAsFarAsKnown(dob: PartialDate, level: String) {
        let lead = Fixture.person("gustavo", "quellory", dob: dob, sex: .male, ids: [Fixture.passport("P1234567")])
        let score = Fixture.score(lead, Self.subject)
        #expect(score.level(.dateOfBirth) == level)
        #expect(score.level(.givenName) == "disagree")
        #expect(score.counterEvidence.isEmpty)
    }

    @Test func withoutTheDocumentOrAnAgreeingDateOrWithAConflictTheGivenNameStillBlocks() {
        let twin = Fixture.person("gustavo", "quellory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX")
        #expect(Fixture.score(twin, Self.subject).counterEvidence == [.givenNameDisagrees], "no document: a twin")
        let noDate = Fixture.person("gustavo", "quellory", sex: .male, ids: [Fixture.passport("P1234567")])
        #expect(Fixture.score(noDate, Self.subject).counterEvidence == [.givenNameDisagrees], "no date: maybe Sr. and Jr.")
        let nearDate = Fixture.person(
            "gustavo", "quellory", dob: Fixture.date(1991, 3, 4), sex: .male, ids: [Fixture.passport("P1234567")])
        #expect(Fixture.score(nearDate, Self.subject).counterEvidence == [.givenNameDisagrees], "a year off is not agreement")
        let otherFamily = Fixture.person(
            "gustavo", "marrowfield", dob: Fixture.date(1990, 3, 4), ids: [Fixture.passport("P1234567")])
        #expect(Fixture.score(otherFamily, Self.subject).counterEvidence.contains(.givenNameDisagrees), "the family name differs")
        var subject = Self.subject
        subject.identifiers.append(Identifier(type: IdentifierType.alienNumber, value: "A200000001"))
        let conflict = Fixture.person(
            "gustavo", "quellory", dob: Fixture.date(1990, 3, 4),
            ids: [Fixture.passport("P1234567"), Identifier(type: IdentifierType.alienNumber, value: "A211111119")])
        #expect(Set(Fixture.score(conflict, subject).counterEvidence) == [.givenNameDisagrees, .conflictingIdentifier(type: "anumber", issuer: nil)])
        let phoneOnly = Fixture.person(
            "gustavo", "quellory", dob: Fixture.date(1990, 3, 4),
            ids: [Identifier(type: IdentifierType.phone, value: "+15555550100")])
        var withPhone = Self.subject
        withPhone.identifiers.append(Identifier(type: IdentifierType.phone, value: "+15555550100"))
        #expect(Fixture.score(phoneOnly, withPhone).counterEvidence == [.givenNameDisagrees], "a household shares a phone")
    }

    @Test func aliasesAreScoredAndMarked() {
        var subject = Self.subject
        subject.names.append(PersonName(given: "tavo", family: "orsk"))
        let score = Fixture.score(Fixture.person("tavo", "orsk"), subject)
        #expect(score.level(.familyName) == "exact")
        #expect(score.contribution(.familyName)?.note == "alias")
    }

    @Test func personsAndOrganisationsNeverMatch() {
        let org = MatchRecord.organisation(name: "quellory", schoolCode: "NYC214F00391000")
        let score = Fixture.score(Fixture.person("tavin", "quellory"), org)
        #expect(score.counterEvidence == [.recordKindDiffers])
        #expect(score.total < -100)
    }

    @Test func organisationsMatchOnSchoolCode() {
        let a = MatchRecord.organisation(name: "quillon institute of aviation", schoolCode: "NYC214F00391000")
        let b = MatchRecord.organisation(name: "quillon aviation institute", schoolCode: "NYC214F00391000")
        let score = Fixture.score(a, b)
        #expect(score.level(.identifier(type: IdentifierType.schoolCode, issuer: nil)) == "exact")
        #expect(score.total >= MatchThresholds.default.autoLink)
        let other = MatchRecord.organisation(name: "quillon institute of aviation", schoolCode: "BOS214F00117000")
        #expect(Fixture.score(a, other).counterEvidence.contains(.conflictingIdentifier(type: "school", issuer: nil)))
    }

    @Test func explanationsCarryNoCompareValues() throws {
        let score = Fixture.score(Self.subject, Self.subject)
        let json = String(decoding: try JSONEncoder().encode(score), as: UTF8.self)
        #expect(!json.contains("quellory"))
        #expect(!json.contains("P1234567"))
        #expect(!json.contains("quillon"))
    }
}
