/// A column's date layout, e.g. `DD/MM/YYYY`, used to rewrite its values as ISO 8601
/// (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) before normalisation.
///
/// Why: a record has one `dateOrder` for all its dates, but an extract may mix layouts
/// (birth dates day-first, travel dates ISO). Rewriting with the column's own layout leaves no
/// ambiguity for the normaliser, which still checks that the date exists and is plausible.
///
/// Tokens: `YYYY` (four-digit year, required once), `MM` and `DD` (one or two digits; `DD`
/// needs `MM`). Anything else must be a separator: `/`, `-`, `.` or a space.
public struct DateFormat: Sendable, Hashable, CustomStringConvertible {
    enum Token: Hashable { case year, month, day, separator(UInt8) }

    let tokens: [Token]
    /// The format as written in the mapping.
    public let description: String

    /// - Returns: `nil` when the pattern is not a valid format.
    public init?(_ pattern: String) {
        var tokens: [Token] = []
        var rest = Substring(pattern)
        while let first = rest.first {
            if rest.hasPrefix("YYYY") {
                tokens.append(.year)
                rest = rest.dropFirst(4)
            } else if rest.hasPrefix("MM") {
                tokens.append(.month)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("DD") {
                tokens.append(.day)
                rest = rest.dropFirst(2)
            } else if ["/", "-", ".", " "].contains(first), let ascii = first.asciiValue {
                tokens.append(.separator(ascii))
                rest = rest.dropFirst()
            } else {
                return nil
            }
        }
        let count = { (token: Token) in tokens.filter { $0 == token }.count }
        guard count(.year) == 1, count(.month) <= 1, count(.day) <= 1, count(.day) == 0 || count(.month) == 1 else {
            return nil
        }
        // Adjacent numbers without a separator are ambiguous with one-or-two-digit parts.
        for (a, b) in zip(tokens, tokens.dropFirst()) {
            if case .separator = a { continue }
            if case .separator = b { continue }
            return nil
        }
        self.tokens = tokens
        self.description = pattern
    }

    /// The value rewritten as ISO 8601, or `nil` when it does not follow the format.
    /// Surrounding whitespace is ignored.
    public func isoDate(from value: String) -> String? {
        let bytes = Array(value.utf8.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed())
        var i = 0
        var year: [UInt8] = []
        var month: [UInt8] = []
        var day: [UInt8] = []
        func digits(max: Int, exactly: Bool) -> [UInt8]? {
            var taken: [UInt8] = []
            while i < bytes.count, taken.count < max, (0x30...0x39).contains(bytes[i]) {
                taken.append(bytes[i])
                i += 1
            }
            guard exactly ? taken.count == max : !taken.isEmpty else { return nil }
            return taken
        }
        for token in tokens {
            switch token {
            case .year: guard let d = digits(max: 4, exactly: true) else { return nil }; year = d
            case .month: guard let d = digits(max: 2, exactly: false) else { return nil }; month = d
            case .day: guard let d = digits(max: 2, exactly: false) else { return nil }; day = d
            case .separator(let s):
                guard i < bytes.count, bytes[i] == s else { return nil }
                i += 1
            }
        }
        guard i == bytes.count else { return nil }
        func padded(_ d: [UInt8]) -> String { String(decoding: d.count == 1 ? [0x30] + d : d, as: UTF8.self) }
        var result = String(decoding: year, as: UTF8.self)
        if !month.isEmpty { result += "-" + padded(month) }
        if !day.isEmpty { result += "-" + padded(day) }
        return result
    }
}
