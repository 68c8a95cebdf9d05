import Foundation

/// An ISO-8601 week in UTC: the period of one weekly extract of below-threshold leads.
///
/// ISO weeks start on Monday; week 1 of a year is the week holding its first Thursday, so
/// 29–31 December can belong to week 1 of the next year and 1–3 January to week 52 or 53 of
/// the previous one. The week-based year in the key is that year, not the calendar year of
/// the date (2021-01-01 is in `2020-W53`).
///
/// The key identifies the extract: the job records the key of each extract it made, in the
/// same transaction as its outbox message, and makes a week's extract only if its key is not
/// recorded yet. That is what makes the extract happen exactly once per week, whatever the
/// job's schedule or restarts.
///
/// Computed with day arithmetic on the UTC day number rather than with `Calendar`, so the
/// result depends on no locale, time zone or platform setting.
public struct ExtractWeek: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    /// The ISO week-based year.
    public let year: Int
    /// 1 through 52 or 53.
    public let week: Int

    /// The week containing `date` (in UTC).
    public init(containing date: Date) {
        let day = Self.dayNumber(of: date)
        let thursday = day - Self.isoWeekday(day) + 4
        let year = Self.civil(thursday).year
        self.year = year
        self.week = (thursday - Self.dayNumber(year: year, month: 1, day: 1)) / 7 + 1
    }

    /// The week of a key such as `2026-W47`; `nil` unless it is exactly `YYYY-Www` with a
    /// week that exists in that year.
    public init?(key: String) {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 3, parts[1].first == "W",
            parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber), parts[1].dropFirst().allSatisfy(\.isASCII),
            parts[1].dropFirst().allSatisfy(\.isNumber),
            let year = Int(parts[0]), let week = Int(parts[1].dropFirst())
        else { return nil }
        self.init(year: year, week: week)
    }

    /// The week by number; `nil` when the year has no such week.
    public init?(year: Int, week: Int) {
        guard (1...Self.weeks(in: year)).contains(week) else { return nil }
        self.year = year
        self.week = week
    }

    /// `2026-W47`: the week-based year and the two-digit week.
    public var key: String {
        let weekText = week < 10 ? "0\(week)" : "\(week)"
        return "\(year)-W\(weekText)"
    }

    public var description: String { key }

    /// Monday 00:00 UTC, inclusive.
    public var start: Date { Self.date(ofDay: Self.mondayOfWeek1(year) + (week - 1) * 7) }
    /// The next Monday 00:00 UTC, exclusive: the week is [`start`, `end`).
    public var end: Date { Self.date(ofDay: Self.mondayOfWeek1(year) + week * 7) }
    /// [`start`, `end`), for selecting the leads the week's extract holds.
    public var interval: Range<Date> { start..<end }

    public var next: ExtractWeek { ExtractWeek(containing: end) }
    public var previous: ExtractWeek { ExtractWeek(containing: start.addingTimeInterval(-1)) }

    public static func < (lhs: ExtractWeek, rhs: ExtractWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    /// 53 when the year's last Thursday falls in a 53rd week (years starting on a Thursday, and
    /// leap years starting on a Wednesday), else 52.
    public static func weeks(in year: Int) -> Int {
        let december28 = dayNumber(year: year, month: 12, day: 28)  // always in the year's last week
        let thursday = december28 - isoWeekday(december28) + 4
        return (thursday - dayNumber(year: year, month: 1, day: 1)) / 7 + 1
    }

    // MARK: Day arithmetic (days since 1970-01-01, proleptic Gregorian, UTC)

    private static func dayNumber(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    private static func date(ofDay day: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(day) * 86_400) }

    /// Monday 1 … Sunday 7. Day 0 (1970-01-01) was a Thursday.
    private static func isoWeekday(_ day: Int) -> Int {
        ((day + 3) % 7 + 7) % 7 + 1
    }

    private static func mondayOfWeek1(_ year: Int) -> Int {
        let january4 = dayNumber(year: year, month: 1, day: 4)  // always in week 1
        return january4 - isoWeekday(january4) + 1
    }

    /// Days from civil (H. Hinnant's algorithm).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Civil from days (H. Hinnant's algorithm).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
