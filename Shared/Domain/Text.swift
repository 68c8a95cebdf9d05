import Foundation

/// Maximum lengths in UTF-8 bytes, checked before any other work on a field so that an oversized
/// value costs nothing and cannot be used to slow the normaliser down.
enum FieldLimits {
    static let name = 200
    static let short = 64
    static let line = 200
    static let email = 254
    static let narrative = 20_000
    static let addressLines = 4
}

/// Text primitives shared by every normaliser: cleaning (NFC, whitespace), character checks and
/// the folded comparison key.
///
/// Everything here runs once per field for every record of a feed, so ASCII input (the vast
/// majority) is handled on UTF-8 bytes without touching Foundation; Foundation's Unicode
/// machinery (NFC, NFKD, ICU transliteration) is used only for non-ASCII text.
enum Text {
    /// Whether every byte of `s` is 7-bit ASCII (such a string is already in NFC and NFKC).
    @inline(__always)
    static func isASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 }
    }

    @inline(__always)
    static func isASCIIWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }

    // MARK: Cleaning

    /// The outcome of ``cleanChecked(_:)``.
    enum Cleaned {
        case blank
        case forbidden
        case text(String)
    }

    /// ``containsForbiddenCharacters(_:)`` and ``clean(_:)`` in one pass for ASCII input.
    static func cleanChecked(_ s: String) -> Cleaned {
        var ascii = true
        for b in s.utf8 {
            if b >= 0x80 {
                ascii = false
                break
            }
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F { return .forbidden }
        }
        if !ascii {
            if containsForbiddenCharacters(s) { return .forbidden }
            return collapseUnicode(s.precomposedStringWithCanonicalMapping).map(Cleaned.text) ?? .blank
        }
        return collapseASCII(s).map(Cleaned.text) ?? .blank
    }

    /// The single-line form of `s`: Unicode NFC, leading and trailing whitespace removed, every
    /// internal run of whitespace (including newlines) replaced by one space.
    /// - Returns: `nil` when nothing but whitespace is left, so that blank input counts as absent.
    static func clean(_ s: String) -> String? {
        if isASCII(s) { return collapseASCII(s) }
        return collapseUnicode(s.precomposedStringWithCanonicalMapping)
    }

    /// The multi-line form of `s` (narratives): NFC and trimmed, but line breaks are kept.
    static func cleanMultiline(_ s: String) -> String? {
        let nfc = isASCII(s) ? s : s.precomposedStringWithCanonicalMapping
        let scalars = nfc.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return nil }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return nfc }
        return String(scalars[first...last])
    }

    private static func collapseASCII(_ s: String) -> String? {
        // Most fields need no change: detect that first and return the original storage.
        var needsWork = false
        var previousWasSpace = true
        var sawContent = false
        for b in s.utf8 {
            if isASCIIWhitespace(b) {
                if previousWasSpace || b != 0x20 { needsWork = true }
                previousWasSpace = true
            } else {
                previousWasSpace = false
                sawContent = true
            }
        }
        if !sawContent { return nil }
        if !needsWork && !previousWasSpace { return s }

        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            if isASCIIWhitespace(b) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func collapseUnicode(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return out.isEmpty ? nil : String(out)
    }

    /// `s` with ASCII letters upper-cased; other characters are upper-cased by Foundation.
    static func uppercased(_ s: String) -> String {
        guard isASCII(s) else { return s.uppercased() }
        if !s.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { return s }
        return String(decoding: s.utf8.map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// `s` with ASCII letters lower-cased; other characters are lower-cased by Foundation.
    static func lowercased(_ s: String) -> String {
        guard isASCII(s) else { return s.lowercased() }
        if !s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return s }
        return String(decoding: s.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Punctuation that ``compactAlphanumeric(_:removing:)`` may skip besides whitespace.
    struct Separators: OptionSet {
        let rawValue: UInt8
        static let hyphen = Separators(rawValue: 1)
        static let slash = Separators(rawValue: 2)
        static let dot = Separators(rawValue: 4)
    }

    /// The ASCII letters and digits of `s`, upper-cased, with whitespace and the given
    /// separators removed.
    /// - Returns: `nil` if `s` contains anything else (including any non-ASCII character).
    static func compactAlphanumeric(_ s: String, removing separators: Separators = .hyphen) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A: out.append(b)
            case 0x61...0x7A: out.append(b - 0x20)
            case 0x2D where separators.contains(.hyphen): continue
            case 0x2F where separators.contains(.slash): continue
            case 0x2E where separators.contains(.dot): continue
            default:
                if isASCIIWhitespace(b) { continue }
                return nil
            }
        }
        return out
    }

    // MARK: Character checks

    /// Whether `s` holds characters that never belong in a field: C0 and C1 control characters
    /// other than tab and line breaks (which cleaning turns into spaces in single-line fields),
    /// and the bidirectional overrides and isolates that make displayed text differ from stored
    /// text.
    static func containsForbiddenCharacters(_ s: String) -> Bool {
        for b in s.utf8 where (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F {
            return true
        }
        if isASCII(s) { return false }
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: continue
            }
        }
        return false
    }

    // MARK: Folding

    /// The folded key of a label (a type, category or hint) with the spaces removed too, so that
    /// `status-violation`, `STATUS_VIOLATION` and `statusViolation` all read `statusviolation`.
    static func labelKey(_ s: String) -> String {
        let key = foldKey(s).key
        guard key.utf8.contains(0x20) else { return key }
        return String(decoding: key.utf8.filter { $0 != 0x20 }, as: UTF8.self)
    }

    /// The comparison key of `s` and whether a non-Latin script had to be transliterated.
    ///
    /// The key is lower-case ASCII where possible: compatibility-decomposed (NFKD, so ligatures
    /// and full-width forms become plain letters), diacritics removed, a few Latin letters that do
    /// not decompose spelled out (ß → ss, æ → ae, ø → o, ł → l, đ → d, þ → th, œ → oe), non-Latin
    /// scripts transliterated with ICU `Any-Latin; Latin-ASCII`. Apostrophes and full stops are
    /// deleted (O'Neil → oneil, U.S.A. → usa); every other punctuation mark (hyphen, comma,
    /// brackets, slash) becomes a space (Garcia-Lopez → garcia lopez); whitespace is collapsed.
    /// Digits are kept. The key is for comparison only; the original is always kept beside it.
    static func foldKey(_ s: String) -> (key: String, transliterated: Bool) {
        if isASCII(s) { return (foldASCII(s), false) }
        if isLatinScript(s) {
            return (foldScalars(s.decomposedStringWithCompatibilityMapping.unicodeScalars), false)
        }
        // ICU transliteration costs ~15 µs: it runs only for scripts other than Latin.
        if let latin = s.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) {
            return (foldScalars(latin.decomposedStringWithCompatibilityMapping.unicodeScalars), true)
        }
        // Without ICU the script is kept: the key is then the folded original.
        return (foldScalars(s.decomposedStringWithCompatibilityMapping.unicodeScalars), false)
    }

    private static func foldASCII(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            switch b {
            case 0x41...0x5A:
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(b + 0x20)
            case 0x61...0x7A, 0x30...0x39:
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            case 0x27, 0x60, 0x2E:  // ' ` .
                continue
            default:
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Latin letters (Basic Latin to Latin Extended-B, Latin Extended Additional), combining
    /// diacritics and general punctuation: text that NFKD plus a small table folds completely.
    private static func isLatinScript(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0...0x024F, 0x0300...0x036F, 0x1E00...0x1EFF, 0x2000...0x206F: true
            default: false
            }
        }
    }

    private static let latinSpelledOut: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss",  // ß ẞ
        0x00E6: "ae", 0x00C6: "ae",  // æ Æ
        0x0153: "oe", 0x0152: "oe",  // œ Œ
        0x00F8: "o", 0x00D8: "o",  // ø Ø
        0x0142: "l", 0x0141: "l",  // ł Ł
        0x0111: "d", 0x0110: "d", 0x00F0: "d", 0x00D0: "d",  // đ Đ ð Ð
        0x00FE: "th", 0x00DE: "th",  // þ Þ
        0x0131: "i", 0x0127: "h", 0x0126: "h", 0x0167: "t", 0x0166: "t",  // ı ħ Ħ ŧ Ŧ
        0x0138: "k", 0x014B: "n", 0x014A: "n", 0x017F: "s",  // ĸ ŋ Ŋ ſ
    ]

    private static func foldScalars(_ scalars: String.UnicodeScalarView) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        func emit(_ text: some StringProtocol) {
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(contentsOf: text.unicodeScalars)
        }
        for scalar in scalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x41...0x5A: emit(String(Unicode.Scalar(UInt8(v + 0x20))))
                case 0x61...0x7A, 0x30...0x39: emit(String(scalar))
                case 0x27, 0x60, 0x2E: continue
                default: pendingSpace = true
                }
                continue
            }
            switch v {
            case 0x2018, 0x2019, 0x02BC, 0x02BB, 0x00B4, 0x02B9, 0x02BE, 0x02BF:  // apostrophe-like
                continue
            default: break
            }
            if let spelled = latinSpelledOut[v] {
                emit(spelled)
                continue
            }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue
            default: break
            }
            if properties.isAlphabetic || properties.numericType != nil {
                emit(properties.lowercaseMapping)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }
}
