import Foundation

/// How much of a date is known.
public enum DatePrecision: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case year, month, day

    private var rank: Int {
        switch self {
        case .year: 0
        case .month: 1
        case .day: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Which number comes first in a slashed date such as 03/04/1990. A source's convention;
/// US sources write month first.
public enum DateOrder: String, Sendable, Codable, Hashable, CaseIterable {
    case monthFirst
    case dayFirst

    /// Reads a hint as sent by a source: `monthFirst`, `dayFirst`, or the common spellings
    /// `MDY`, `DMY`, `US` (month first). Case and separators do not matter.
    public init?(hint: String) {
        switch Text.labelKey(hint) {
        case "monthfirst", "mdy", "mmddyyyy", "us": self = .monthFirst
        case "dayfirst", "dmy", "ddmmyyyy": self = .dayFirst
        default: return nil
        }
    }
}

/// A calendar date of which only the year, or the year and month, may be known, as source
/// data about people often has (a year of birth only, or a day given as "00").
///
/// Invariants (checked by every initialiser, including decoding): a day needs a month, the
/// month is 1-12, the day exists in that month of that year. ``precision`` follows from which
/// parts are present. Dates are proleptic Gregorian without a time zone.
public struct PartialDate: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?
    public let precision: DatePrecision
    /// Set when the source wrote day and month as two numbers that could be read either way,
    /// both giving a valid date (03/04/1990). The reading follows the source's order; matching
    /// should also try the other reading.
    public let dayMonthAmbiguous: Bool

    /// - Returns: `nil` if the parts do not make a real (partial) date.
    public init?(year: Int, month: Int? = nil, day: Int? = nil, dayMonthAmbiguous: Bool = false) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard day >= 1 && day <= CivilDate.daysInMonth(month, year: year) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
        self.precision = day != nil ? .day : (month != nil ? .month : .year)
        self.dayMonthAmbiguous = dayMonthAmbiguous && day != nil
    }

    private enum CodingKeys: String, CodingKey {
        case year, month, day, precision, dayMonthAmbiguous
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let year = try container.decode(Int.self, forKey: .year)
        let month = try container.decodeIfPresent(Int.self, forKey: .month)
        let day = try container.decodeIfPresent(Int.self, forKey: .day)
        let ambiguous = try container.decodeIfPresent(Bool.self, forKey: .dayMonthAmbiguous) ?? false
        guard let date = PartialDate(year: year, month: month, day: day, dayMonthAmbiguous: ambiguous) else {
            throw DecodingError.dataCorruptedError(
                forKey: .year, in: container, debugDescription: "Not a valid partial date.")
        }
        self = date
    }

    /// ISO 8601 at the known precision: `1990`, `1990-03`, `1990-03-04`.
    public var description: String {
        var text = String(year)
        while text.utf8.count < 4 { text = "0" + text }
        if let month { text += month < 10 ? "-0\(month)" : "-\(month)" }
        if let day { text += day < 10 ? "-0\(day)" : "-\(day)" }
        return text
    }

    /// The first day the date can mean, as days since 1970-01-01.
    public var earliestDayNumber: Int {
        CivilDate.dayNumber(year: year, month: month ?? 1, day: day ?? 1)
    }

    /// The last day the date can mean, as days since 1970-01-01.
    public var latestDayNumber: Int {
        let lastMonth = month ?? 12
        return CivilDate.dayNumber(
            year: year, month: lastMonth, day: day ?? CivilDate.daysInMonth(lastMonth, year: year))
    }

    /// Orders by earliest possible day, then by precision (less precise first).
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        let (l, r) = (lhs.earliestDayNumber, rhs.earliestDayNumber)
        return l != r ? l < r : lhs.precision < rhs.precision
    }

    /// Parses a date as sources write it.
    ///
    /// Accepted: `YYYY-MM-DD` (a trailing time such as `T00:00:00Z` is ignored), `YYYY-MM`,
    /// `YYYY`, `YYYYMMDD`, `MM/DD/YYYY` or `DD/MM/YYYY` as `order` says, `MM/YYYY`; `/`, `-` and
    /// `.` work as separators. A month or day of `00` means unknown (`1990-00-00` is the year
    /// 1990). When both readings of a slashed date are valid and differ, `order` decides and the
    /// result is marked ``dayMonthAmbiguous``; when only the other reading is valid
    /// (13/04/1990, month first) it is used and ``ParsedDate/readingSwapped`` is set.
    /// - Returns: the date, or a rejection with `date.invalid-format`, `date.two-digit-year` or
    ///   `date.invalid`. Plausibility (future, too old) is the caller's business.
    public static func parse(_ text: String, order: DateOrder = .monthFirst) -> Result<ParsedDate, FieldRejection> {
        DateParser.parse(text, order: order)
    }
}

/// The result of ``PartialDate/parse(_:order:)``.
public struct ParsedDate: Sendable, Hashable {
    public var date: PartialDate
    /// The source's day/month order gave an impossible date and the other order was used.
    public var readingSwapped: Bool

    public init(date: PartialDate, readingSwapped: Bool = false) {
        self.date = date
        self.readingSwapped = readingSwapped
    }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01, UTC), without
/// Foundation's `Calendar`, which is far slower and not needed for whole days.
enum CivilDate {
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysInMonth(month, year: year)
    }

    /// Days from 1970-01-01 to the given date (H. Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The UTC calendar date of a day number (H. Hinnant's `civil_from_days`).
    static func civil(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The UTC day number of an instant.
    static func dayNumber(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The day number `years` calendar years before `dayNumber` (29 February becomes 28).
    static func dayNumber(_ years: Int, yearsBefore dayNumber: Int) -> Int {
        let (y, m, d) = civil(dayNumber: dayNumber)
        let year = y - years
        return self.dayNumber(year: year, month: m, day: min(d, daysInMonth(m, year: year)))
    }
}

/// The byte-level date parser behind ``PartialDate/parse(_:order:)``: no regular expressions,
/// no `DateFormatter`, one pass over at most a few dozen bytes.
enum DateParser {
    private struct Group {
        var value = 0
        var length = 0
    }

    static func parse(_ text: String, order: DateOrder) -> Result<ParsedDate, FieldRejection> {
        var bytes = Array(text.utf8)
        while let last = bytes.last, Text.isASCIIWhitespace(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !Text.isASCIIWhitespace($0) } ?? bytes.endIndex
        if start > 0 { bytes.removeFirst(start) }
        // An ISO date-time: keep the date part.
        if bytes.count > 11, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x20,
            (0x30...0x39).contains(bytes[11])
        {
            bytes.removeLast(bytes.count - 10)
        }
        guard !bytes.isEmpty, bytes.count <= 10 else { return .failure(FieldRejection(.dateInvalidFormat)) }

        var groups: [Group] = []
        var current = Group()
        var separator: UInt8?
        for b in bytes {
            switch b {
            case 0x30...0x39:
                current.value = current.value * 10 + Int(b - 0x30)
                current.length += 1
            case 0x2D, 0x2F, 0x2E:  // - / .
                guard current.length > 0, separator == nil || separator == b else {
                    return .failure(FieldRejection(.dateInvalidFormat))
                }
                separator = b
                groups.append(current)
                current = Group()
            default:
                return .failure(FieldRejection(.dateInvalidFormat))
            }
        }
        guard current.length > 0 else { return .failure(FieldRejection(.dateInvalidFormat)) }
        groups.append(current)

        let lengths = groups.map(\.length)
        switch groups.count {
        case 1:
            let g = groups[0]
            if g.length == 4 { return make(year: g.value, month: 0, day: 0) }
            if g.length == 8 {
                return make(year: g.value / 10_000, month: g.value / 100 % 100, day: g.value % 100)
            }
            return .failure(FieldRejection(.dateInvalidFormat))
        case 2:
            if lengths[0] == 4 && lengths[1] <= 2 { return make(year: groups[0].value, month: groups[1].value, day: 0) }
            if lengths[0] <= 2 && lengths[1] == 4 { return make(year: groups[1].value, month: groups[0].value, day: 0) }
            if lengths[0] <= 2 && lengths[1] == 2 { return .failure(FieldRejection(.dateTwoDigitYear)) }
            return .failure(FieldRejection(.dateInvalidFormat))
        default:
            guard groups.count == 3 else { return .failure(FieldRejection(.dateInvalidFormat)) }
            if lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2 {
                return make(year: groups[0].value, month: groups[1].value, day: groups[2].value)
            }
            if lengths[0] <= 2 && lengths[1] <= 2 {
                if lengths[2] == 4 {
                    return dayMonth(groups[0].value, groups[1].value, year: groups[2].value, order: order)
                }
                if lengths[2] == 2 { return .failure(FieldRejection(.dateTwoDigitYear)) }
            }
            return .failure(FieldRejection(.dateInvalidFormat))
        }
    }

    /// A date from year-first parts, where month or day `0` means unknown.
    private static func make(year: Int, month: Int, day: Int, ambiguous: Bool = false, swapped: Bool = false)
        -> Result<ParsedDate, FieldRejection>
    {
        if month == 0 && day != 0 { return .failure(FieldRejection(.dateInvalid)) }
        guard
            let date = PartialDate(
                year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day,
                dayMonthAmbiguous: ambiguous)
        else { return .failure(FieldRejection(.dateInvalid)) }
        return .success(ParsedDate(date: date, readingSwapped: swapped))
    }

    /// Resolves `first/second/year` into month and day using the source's order.
    private static func dayMonth(_ first: Int, _ second: Int, year: Int, order: DateOrder)
        -> Result<ParsedDate, FieldRejection>
    {
        let (month, day) = order == .monthFirst ? (first, second) : (second, first)
        // Unknown parts ("00") leave nothing to disambiguate: follow the source's order.
        if first == 0 || second == 0 { return make(year: year, month: month, day: day) }
        let statedValid = CivilDate.isValid(year: year, month: month, day: day)
        let swappedValid = CivilDate.isValid(year: year, month: day, day: month)
        if statedValid {
            return make(year: year, month: month, day: day, ambiguous: swappedValid && first != second)
        }
        if swappedValid { return make(year: year, month: day, day: month, swapped: true) }
        return .failure(FieldRejection(.dateInvalid))
    }
}
