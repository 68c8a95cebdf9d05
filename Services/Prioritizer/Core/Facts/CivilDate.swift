import Foundation

/// Calendar arithmetic in UTC without `Calendar` or formatters: dates in rule files and in
/// encoded facts are civil dates (`2024-03-01`) or UTC timestamps (`2024-03-01T12:00:00Z`),
/// and parsing or printing them must give the same answer in every process and locale.
enum CivilDate {
    static let secondsPerDay: Double = 86_400

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (inverse of ``days(year:month:day:)``).
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SS[.fff]Z`; nil for anything else,
    /// including impossible dates such as `2023-02-30`.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        var seconds = Double(days(year: year, month: month, day: day)) * secondsPerDay
        if bytes.count == 10 { return Date(timeIntervalSince1970: seconds) }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), bytes.last == UInt8(ascii: "Z"),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if bytes.count == 20 { return Date(timeIntervalSince1970: seconds) }
        guard bytes[19] == UInt8(ascii: "."), bytes.count <= 30, let fraction = number(20..<(bytes.count - 1))
        else { return nil }
        let digits = bytes.count - 21
        guard digits > 0 else { return nil }
        seconds += Double(fraction) / pow(10, Double(digits))
        return Date(timeIntervalSince1970: seconds)
    }

    /// `YYYY-MM-DD` for a date at midnight UTC, otherwise `YYYY-MM-DDTHH:MM:SS[.mmm]Z`.
    static func format(_ date: Date) -> String {
        let total = date.timeIntervalSince1970
        let dayNumber = Int((total / secondsPerDay).rounded(.down))
        let (year, month, day) = civil(days: dayNumber)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let remainder = total - Double(dayNumber) * secondsPerDay
        guard remainder != 0 else { return text }
        let whole = Int(remainder.rounded(.down))
        text += "T" + pad(whole / 3600, 2) + ":" + pad(whole / 60 % 60, 2) + ":" + pad(whole % 60, 2)
        let millis = Int(((remainder - Double(whole)) * 1000).rounded())
        if millis > 0 && millis < 1000 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
