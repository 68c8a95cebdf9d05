#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `Date` as `timestamptz`, to the microsecond (PostgreSQL's resolution).
///
/// Encodes as `YYYY-MM-DD HH:MM:SS.ffffff+00` (UTC). Decodes PostgreSQL's ISO output in any
/// session time zone: `2024-05-01 12:00:00.5+00`, `… +05:30`, `… -03:00:15`, a `timestamp`
/// without zone (read as UTC), a `date` (midnight UTC), and `BC` years. `infinity` cannot be
/// represented and throws. Formatting is done by hand (no formatter objects, no locale).
extension Date: PGEncodable, PGDecodable {
    /// Microseconds between 1970-01-01 and 2001-01-01 (Foundation's reference date).
    private static let referenceOffsetMicros: Int64 = 978_307_200_000_000

    public var pgValue: PGValue {
        let micros = Int64((timeIntervalSinceReferenceDate * 1_000_000).rounded()) + Date.referenceOffsetMicros
        return .text(PGTimestamp.format(unixMicros: micros))
    }

    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        let micros = try PGTimestamp.parse(text)
        self = Date(timeIntervalSinceReferenceDate: Double(micros - Date.referenceOffsetMicros) / 1_000_000)
    }
}

/// Calendar arithmetic for timestamps (proleptic Gregorian, as PostgreSQL uses).
enum PGTimestamp {
    private static let microsPerDay: Int64 = 86_400_000_000

    static func format(unixMicros: Int64) -> String {
        let days = unixMicros.floorDivided(by: microsPerDay)
        var remainder = unixMicros - days * microsPerDay
        let (year, month, day) = civil(fromDays: days)
        let hour = remainder / 3_600_000_000
        remainder %= 3_600_000_000
        let minute = remainder / 60_000_000
        remainder %= 60_000_000
        let second = remainder / 1_000_000
        let fraction = remainder % 1_000_000

        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        let bc = year <= 0
        append(bc ? 1 - year : year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        append(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        append(fraction, width: 6, to: &bytes)
        bytes.append(contentsOf: "+00".utf8)
        if bc { bytes.append(contentsOf: " BC".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses PostgreSQL ISO timestamp output into microseconds since 1970-01-01 UTC.
    static func parse(_ text: ArraySlice<UInt8>) throws(DatabaseError) -> Int64 {
        var scanner = ByteScanner(text)
        guard let year = scanner.number(minDigits: 1, maxDigits: 9), scanner.consume(UInt8(ascii: "-")),
            let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.consume(UInt8(ascii: "-")),
            let day = scanner.number(minDigits: 2, maxDigits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else { throw invalid(text) }

        var timeMicros: Int64 = 0
        var offsetSeconds: Int64 = 0
        if scanner.consume(UInt8(ascii: " ")) || scanner.consume(UInt8(ascii: "T")) {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.consume(UInt8(ascii: ":")),
                let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.consume(UInt8(ascii: ":")),
                let second = scanner.number(minDigits: 2, maxDigits: 2),
                hour <= 24, minute < 60, second <= 60
            else { throw invalid(text) }
            var fraction: Int64 = 0
            if scanner.consume(UInt8(ascii: ".")) {
                var digits = 0
                while let digit = scanner.digit() {
                    if digits < 6 { fraction = fraction * 10 + Int64(digit) }
                    digits += 1
                }
                guard digits > 0 else { throw invalid(text) }
                for _ in digits..<max(digits, 6) { fraction *= 10 }
            }
            timeMicros = ((hour * 60 + minute) * 60 + second) * 1_000_000 + fraction

            if let sign = scanner.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                scanner.advance()
                guard let offsetHours = scanner.number(minDigits: 2, maxDigits: 2) else { throw invalid(text) }
                var offset = offsetHours * 3600
                if scanner.consume(UInt8(ascii: ":")) {
                    guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { throw invalid(text) }
                    offset += minutes * 60
                    if scanner.consume(UInt8(ascii: ":")) {
                        guard let seconds = scanner.number(minDigits: 2, maxDigits: 2) else { throw invalid(text) }
                        offset += seconds
                    }
                }
                offsetSeconds = sign == UInt8(ascii: "-") ? -offset : offset
            } else if scanner.consume(UInt8(ascii: "Z")) {
                offsetSeconds = 0
            }
        }
        var astronomicalYear = year
        if scanner.consume(" BC".utf8) { astronomicalYear = 1 - year }
        guard scanner.isAtEnd else { throw invalid(text) }

        let days = days(fromCivil: astronomicalYear, month, day)
        return days * microsPerDay + timeMicros - offsetSeconds * 1_000_000
    }

    private static func invalid(_ text: ArraySlice<UInt8>) -> DatabaseError {
        if text.elementsEqual("infinity".utf8) || text.elementsEqual("-infinity".utf8) {
            return decodingError(Date.self, "infinite timestamps have no Date equivalent")
        }
        return decodingError(Date.self, "not an ISO timestamp")
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date for days since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Appends a non-negative number, zero-padded to `width`, without temporary allocations.
    private static func append(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var digitCount = 1
        var power: Int64 = 10
        while power <= value, digitCount < 18 {
            digitCount += 1
            power *= 10
        }
        let count = max(digitCount, width)
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var remaining = value
        var position = start + count - 1
        while remaining > 0 {
            bytes[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        }
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// A tiny forward cursor over ASCII bytes.
struct ByteScanner {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    mutating func advance() { index += 1 }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    mutating func consume(_ literal: String.UTF8View) -> Bool {
        let end = index + literal.count
        guard end <= bytes.endIndex, bytes[index..<end].elementsEqual(literal) else { return false }
        index = end
        return true
    }

    mutating func digit() -> Int64? {
        guard let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        index += 1
        return Int64(byte - UInt8(ascii: "0"))
    }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maxDigits, let digit = digit() {
            value = value * 10 + digit
            count += 1
        }
        return count >= minDigits ? value : nil
    }
}
