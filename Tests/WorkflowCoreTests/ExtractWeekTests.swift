import Foundation
import Testing
import WorkflowCore

@Suite("Weekly extract periods")
struct ExtractWeekTests {
    // Expected keys checked against GNU date's `+%G-W%V`.
    @Test(arguments: [
        ("2026-11-22T12:00:00Z", "2026-W47"),
        ("2026-01-01T00:00:00Z", "2026-W01"),
        ("2026-12-31T12:00:00Z", "2026-W53"),
        ("2027-01-01T12:00:00Z", "2026-W53"),
        ("2027-01-03T23:59:59Z", "2026-W53"),
        ("2027-01-04T00:00:00Z", "2027-W01"),
        ("2027-01-13T10:00:00Z", "2027-W02"),
        ("2020-12-31T23:59:59Z", "2020-W53"),
        ("2021-01-03T12:00:00Z", "2020-W53"),
        ("2021-01-04T00:00:00Z", "2021-W01"),
        ("2019-12-29T23:59:59Z", "2019-W52"),
        ("2019-12-30T00:00:00Z", "2020-W01"),
        ("2024-12-30T08:00:00Z", "2025-W01"),
        ("2016-01-03T08:00:00Z", "2015-W53"),
        ("2000-02-29T08:00:00Z", "2000-W09"),
        ("1969-12-28T08:00:00Z", "1969-W52"),
        ("1969-12-29T08:00:00Z", "1970-W01"),
    ])
    func isoWeekKeys(_ instant: String, _ key: String) {
        #expect(ExtractWeek(containing: Fixture.utc(instant)).key == key)
    }

    @Test func weeksAreMondayToMondayInUTC() throws {
        let week = ExtractWeek(containing: Fixture.utc("2026-12-31T12:00:00Z"))
        #expect(week.start == Fixture.utc("2026-12-28T00:00:00Z"))
        #expect(week.end == Fixture.utc("2027-01-04T00:00:00Z"))
        #expect(week.interval.contains(Fixture.utc("2027-01-03T23:59:59Z")))
        #expect(!week.interval.contains(week.end))

        let w53 = try #require(ExtractWeek(key: "2020-W53"))
        #expect(w53.start == Fixture.utc("2020-12-28T00:00:00Z"))
        #expect(w53.end == Fixture.utc("2021-01-04T00:00:00Z"))

        let w47 = try #require(ExtractWeek(key: "2026-W47"))
        #expect(w47.start == Fixture.utc("2026-11-16T00:00:00Z"))
        #expect(w47.end == Fixture.utc("2026-11-23T00:00:00Z"))
    }

    @Test func everyInstantOfAWeekHasTheSameKeyAndNoOtherDoes() throws {
        let week = try #require(ExtractWeek(key: "2027-W01"))
        #expect(ExtractWeek(containing: week.start) == week)
        #expect(ExtractWeek(containing: week.end.addingTimeInterval(-0.001)) == week)
        #expect(ExtractWeek(containing: week.start.addingTimeInterval(-0.001)).key == "2026-W53")
        #expect(ExtractWeek(containing: week.end).key == "2027-W02")
    }

    @Test(arguments: [(2015, 53), (2020, 53), (2021, 52), (2025, 52), (2026, 53), (2027, 52), (2032, 53), (2004, 53), (2100, 52)])
    func weeksInAYear(_ year: Int, _ weeks: Int) {
        #expect(ExtractWeek.weeks(in: year) == weeks)
    }

    @Test(arguments: ["2026-W47", "2026-W53", "2020-W53", "2027-W01", "1999-W09"])
    func keysRoundTrip(_ key: String) throws {
        let week = try #require(ExtractWeek(key: key))
        #expect(week.key == key)
        #expect(ExtractWeek(containing: week.start).key == key)
    }

    @Test(arguments: [
        "2027-W53", "2026-W00", "2026-W54", "2026-w47", "26-W47", "2026-W7", "2026-W047", "2026W47", "2026-47", "", "２０２６-W47",
    ])
    func malformedOrNonexistentKeysAreRejected(_ key: String) {
        #expect(ExtractWeek(key: key) == nil)
    }

    @Test func nextAndPreviousCrossYearBoundaries() throws {
        let last = try #require(ExtractWeek(key: "2026-W53"))
        #expect(last.next.key == "2027-W01")
        #expect(last.next.previous == last)
        #expect(try #require(ExtractWeek(key: "2021-W01")).previous.key == "2020-W53")
        #expect(try #require(ExtractWeek(key: "2025-W52")).next.key == "2026-W01")
        #expect(last < last.next)
        #expect(try #require(ExtractWeek(key: "2026-W09")) < #require(ExtractWeek(key: "2026-W10")))
    }

    // MARK: Exactly once per week

    @Test func theLastCompletedWeekIsTheOneBeforeNow() {
        #expect(WeeklyExtractSchedule.lastCompletedWeek(at: Fixture.utc("2027-01-04T00:00:00Z")).key == "2026-W53")
        #expect(WeeklyExtractSchedule.lastCompletedWeek(at: Fixture.utc("2027-01-03T23:59:59Z")).key == "2026-W52")
    }

    @Test func aWeekAlreadyExtractedIsNotDueAgain() {
        let now = Fixture.utc("2026-11-25T06:00:00Z")  // Wednesday of 2026-W48
        #expect(WeeklyExtractSchedule.weeksDue(at: now, lastExtracted: ExtractWeek(key: "2026-W47")).isEmpty)
        #expect(
            WeeklyExtractSchedule.weeksDue(at: now.addingTimeInterval(3 * 86_400), lastExtracted: ExtractWeek(key: "2026-W47"))
                .isEmpty)
    }

    @Test func theFirstRunExtractsOnlyTheLastCompletedWeek() {
        let due = WeeklyExtractSchedule.weeksDue(at: Fixture.utc("2026-11-25T06:00:00Z"), lastExtracted: nil)
        #expect(due.map(\.key) == ["2026-W47"])
    }

    @Test func missedWeeksAreMadeUpInOrder() {
        let due = WeeklyExtractSchedule.weeksDue(
            at: Fixture.utc("2027-01-13T10:00:00Z"), lastExtracted: ExtractWeek(key: "2026-W51"))
        #expect(due.map(\.key) == ["2026-W52", "2026-W53", "2027-W01"])
    }
}
