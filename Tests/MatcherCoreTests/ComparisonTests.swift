import Testing

@testable import MatcherCore

@Suite("Date of birth comparison")
struct DateComparisonTests {
    typealias D = Fixture

    @Test(arguments: [
        (D.date(1990, 3, 4), D.date(1990, 3, 4), DateLevel.exact),
        (D.date(1990, 3, 4), D.date(1990, 4, 3), .dayMonthSwapped),
        (D.date(1990, 3, 4), D.date(1990, 3, 7), .oneDigitTypo),
        (D.date(1990, 3, 14), D.date(1990, 3, 21), .disagree),  // two digits, not a transposition
        (D.date(1990, 3, 12), D.date(1990, 3, 21), .oneDigitTypo),  // adjacent digits transposed
        (D.date(1990, 3, 4), D.date(1980, 3, 4), .oneDigitTypo),
        (D.date(1990, 3, 4), D.date(1991, 3, 4), .yearOffByOne),
        (D.date(1989, 3, 4), D.date(1990, 3, 4), .yearOffByOne),
        (D.date(1990), D.date(1990, 5, 6), .partialAgrees),
        (D.date(1990, 5), D.date(1990, 5, 6), .partialAgrees),
        (D.date(1990, 5), D.date(1990, 6, 6), .oneDigitTypo),
        (D.date(1990, 5), D.date(1990, 11, 6), .disagree),
        (D.date(1990), D.date(1991, 5, 6), .yearOffByOne),
        (D.date(1990), D.date(1975), .disagree),
        (D.date(1999), D.date(1992, 11, 24), .disagree),  // a year alone cannot carry a typo
        (D.date(1999, 11), D.date(1992, 11, 24), .oneDigitTypo),
        (D.date(1990, 3, 4), D.date(1972, 11, 23), .disagree),
    ])
    func levels(a: PartialDate, b: PartialDate, expected: DateLevel) {
        #expect(DateComparison.compare(a, b).level == expected)
        #expect(DateComparison.compare(b, a).level == expected)
    }

    @Test func missingOnEitherSide() {
        #expect(DateComparison.compare(nil, D.date(1990, 3, 4)).level == .missing)
        #expect(DateComparison.compare(D.date(1990), nil).level == .missing)
    }

    @Test func completenessAndPrecisionAreReported() {
        #expect(DateComparison.compare(D.date(1990, 3, 4), D.date(1972, 11, 23)).bothComplete)
        #expect(!DateComparison.compare(D.date(1990), D.date(1975)).bothComplete)
        #expect(DateComparison.compare(D.date(1990, 5), D.date(1990, 5, 6)).monthAgrees)
        #expect(!DateComparison.compare(D.date(1990), D.date(1990, 5, 6)).monthAgrees)
    }

    @Test func dayWithoutMonthIsIgnored() {
        #expect(PartialDate(year: 1990, month: nil, day: 4).day == nil)
    }
}

@Suite("Identifier comparison")
struct IdentifierComparisonTests {
    func level(_ a: Identifier, _ b: Identifier) -> IdentifierLevel? {
        IdentifierComparison.compare([a], [b]).first?.level
    }

    @Test(arguments: [
        ("P1234567", "P1234567", IdentifierLevel.exact),
        ("p-123 4567", "P1234567", .exact),  // canonicalised
        ("P1234567", "P1234568", .typo),  // one digit
        ("P1234567", "P1243567", .typo),  // transposition
        ("P1234567", "P123456", .typo),  // deletion
        ("P1O34567", "P1034567", .typo),  // O for 0
        ("PI234567", "P1234567", .typo),  // I for 1
        ("P12345S7", "P1234557", .typo),  // S for 5
        ("P1234B67", "P1234867", .typo),  // B for 8
        ("P1234567", "P7654321", .conflicting),
    ])
    func passportLevels(a: String, b: String, expected: IdentifierLevel) {
        #expect(level(Fixture.passport(a), Fixture.passport(b)) == expected)
    }

    @Test func differentIssuersCannotConflictButCanAgree() {
        #expect(level(Fixture.passport("P1234567", "MEX"), Fixture.passport("P7654321", "GTM")) == .noneComparable)
        #expect(level(Fixture.passport("P1234567", "MEX"), Fixture.passport("P1234567", "GTM")) == .noneComparable)
        let noIssuer = Identifier(type: IdentifierType.passport, value: "P1234567")
        #expect(level(Fixture.passport("P1234567", "MEX"), noIssuer) == .exact)
        #expect(level(Fixture.passport("P7654321", "MEX"), noIssuer) == .noneComparable)
    }

    @Test func differentTypesAreNotCompared() {
        let a = Identifier(type: IdentifierType.alienNumber, value: "A123456789")
        let b = Identifier(type: IdentifierType.socialSecurity, value: "A123456789")
        #expect(level(a, b) == .noneComparable)
    }

    @Test func anAgreeingValueWinsOverAConflictingOne() {
        // A renewed passport: the subject holds both numbers, the lead one of them.
        let result = IdentifierComparison.compare(
            [Fixture.passport("P2222222")], [Fixture.passport("P1111111"), Fixture.passport("P2222222")])
        #expect(result.map(\.level) == [.exact])
    }

    @Test(arguments: ["000000000", "123456789", "unknown", "n/a", "999"])
    func placeholdersAreIgnored(value: String) {
        let a = Identifier(type: IdentifierType.socialSecurity, value: value)
        let b = Identifier(type: IdentifierType.socialSecurity, value: "412-55-9173")
        #expect(IdentifierComparison.compare([a], [b]).isEmpty)
    }

    @Test func shortValuesAreNeverTypos() {
        let a = Identifier(type: "dl", issuer: "TX", value: "A123")
        let b = Identifier(type: "dl", issuer: "TX", value: "A124")
        #expect(level(a, b) == .conflicting)
    }
}

@Suite("Sex, country and address comparison")
struct SmallComparisonTests {
    @Test func sex() {
        #expect(SexComparison.compare(.female, .female) == .agree)
        #expect(SexComparison.compare(.female, .male) == .disagree)
        #expect(SexComparison.compare(nil, .male) == .missing)
    }

    @Test(arguments: [
        ("MEX", ["MEX"], "MEX", ["MEX"], CountryLevel.agree),
        ("MEX", ["USA"], "MEX", ["MEX"], .mixed),
        ("MEX", ["MEX"], "GTM", ["GTM"], .disagree),
        ("MEX", [], "MEX", [], .agree),
        ("", [], "MEX", ["MEX"], .missing),
        ("UKR", ["UKR", "POL"], "", ["POL"], .agree),
    ])
    func countries(cobA: String, citA: [String], cobB: String, citB: [String], expected: CountryLevel) {
        let a = MatchRecord(countryOfBirth: cobA.isEmpty ? nil : cobA, citizenship: citA)
        let b = MatchRecord(countryOfBirth: cobB.isEmpty ? nil : cobB, citizenship: citB)
        #expect(CountryComparison.compare(a, b) == expected)
    }

    @Test func addresses() {
        let home = Address(line: "12 quillon st apt 4", zip5: "10001")
        #expect(AddressComparison.compare([home], [home]).level == .lineAgrees)
        #expect(AddressComparison.compare([home], [Address(line: "12 quilon st apt 4", zip5: "10001")]).level == .lineAgrees)
        #expect(AddressComparison.compare([home], [Address(line: "12 quillon st apt 5", zip5: "10001")]).level == .zipAgrees)
        #expect(AddressComparison.compare([home], [Address(line: "12 quillon st apt 4", zip5: "20002")]).level == .disagree)
        #expect(AddressComparison.compare([home], [Address(line: "9 varnesh rd", zip5: "20002")]).level == .disagree)
        #expect(AddressComparison.compare([home], []).level == .missing)
        let moved = [Address(line: "9 varnesh rd", zip5: "20002"), home]
        #expect(AddressComparison.compare([home], moved).level == .lineAgrees)
    }
}
