import Foundation
import Testing

@testable import PrioritizerCore

/// The fact catalogue, fact storage and the date arithmetic under them.
@Suite("Facts")
struct FactsTests {
    @Test func catalogueIndicesFollowDeclarationOrderAndFitThePresenceBits() {
        for (position, field) in FactField.allCases.enumerated() { #expect(field.index == position, "\(field)") }
        #expect(FactField.allCases.count <= 64)
    }

    @Test func catalogueTypes() {
        #expect(FactField(name: "days_overstayed")?.type == .number)
        #expect(FactField(name: "address.us_last_seen")?.type == .date)
        #expect(FactField(name: "risk.indicators")?.type == .set)
        #expect(FactField(name: "subject.protected")?.type == .bool)
        #expect(FactField(name: "lead.kind")?.allowedValues == ["person", "organisation"])
        #expect(FactField(name: "tags") == nil)
    }

    @Test func civilDatesMatchFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var date = Fixture.day(1899, 12, 25)
        while date < Fixture.day(2101, 1, 10) {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            #expect(CivilDate.format(date) == text)
            #expect(CivilDate.parse(text) == date)
            date += 86_400 * 13
        }
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-00-10", "2024-4-1", "24-04-01", "2024-04-01T25:00:00Z", "2024-04-01 10:00",
        "tomorrow",
    ])
    func impossibleOrMalformedDatesAreRejected(_ text: String) {
        #expect(CivilDate.parse(text) == nil)
    }

    @Test func timestampsParseAndFormat() {
        let date = Fixture.day(2024, 2, 29) + 3600 * 13 + 60 * 5 + 7.25
        #expect(CivilDate.parse("2024-02-29T13:05:07.25Z") == date)
        #expect(CivilDate.format(date) == "2024-02-29T13:05:07.250Z")
        #expect(CivilDate.parse("2000-02-29") == Fixture.day(2000, 2, 29))
    }

    @Test func namedIncludesDerivedFacts() {
        let facts = Fixture.facts([.visaAdmittedUntil: .date(Fixture.daysAgo(3))])
        #expect(facts.named == ["visa.admitted_until": .date(Fixture.daysAgo(3)), "days_overstayed": .number(3)])
    }
}
