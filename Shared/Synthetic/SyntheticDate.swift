/// A full calendar date of birth, rendered in ISO form (`YYYY-MM-DD`).
public struct SyntheticDate: Sendable, Hashable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var iso: String { Self.iso(year: year, month: month, day: day) }
    /// `YYYY-MM`.
    public var yearMonth: String { "\(year)-\(Self.twoDigits(month))" }
    /// `YYYY`.
    public var yearOnly: String { String(year) }

    /// The date with day and month exchanged, if that is a different, real date.
    public var dayMonthSwapped: SyntheticDate? {
        guard day != month, day <= 12, month <= Self.daysInMonth(day, year: year) else { return nil }
        return SyntheticDate(year: year, month: day, day: month)
    }

    /// A uniformly drawn real date in `years`.
    static func random(years: ClosedRange<Int>, _ random: inout SyntheticRandom) -> SyntheticDate {
        let year = random.int(in: years)
        let month = random.int(in: 1...12)
        return SyntheticDate(year: year, month: month, day: random.int(in: 1...daysInMonth(month, year: year)))
    }

    static func iso(year: Int, month: Int, day: Int) -> String {
        "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
