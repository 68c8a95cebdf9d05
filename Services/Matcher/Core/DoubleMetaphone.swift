/// Lawrence Philips' Double Metaphone phonetic encoding ("The Double Metaphone Search
/// Algorithm", C/C++ Users Journal, June 2000), ported rule for rule from his reference
/// implementation.
///
/// Why this algorithm: it encodes the many spellings of a name that sound alike (Smith,
/// Smyth, Schmidt) to the same short key, and it returns a second, *alternate* key for
/// names whose pronunciation depends on their origin (Germanic, Slavic, Spanish, Italian,
/// Chinese...), so that e.g. Smith (SM0/XMT) and Schmidt (XMT/SMT) still meet on XMT.
/// Blocking and the `phonetic` name level use it; two names agree phonetically when any of
/// their codes are equal.
///
/// Like the reference, the input is upper-cased and padded with five spaces so rules can
/// look past the end ("JOSE" alone is Spanish, "BACH " ends in a hard CH), and codes are cut
/// to four characters unless `maxLength` says otherwise (the cut is a prefix of the full code).
/// Characters other than A–Z are skipped. `0` in a code stands for "th".
public enum DoubleMetaphone {
    /// The primary and alternate codes. When a name has no alternate pronunciation the two
    /// are equal.
    public struct Codes: Sendable, Hashable {
        public var primary: String
        public var alternate: String

        public init(primary: String, alternate: String) {
            self.primary = primary
            self.alternate = alternate
        }

        /// The distinct non-empty codes.
        public var all: [String] {
            if primary.isEmpty { return alternate.isEmpty ? [] : [alternate] }
            return alternate.isEmpty || alternate == primary ? [primary] : [primary, alternate]
        }

        /// True when any code of `self` equals any code of `other` (empty codes never agree).
        public func agrees(with other: Codes) -> Bool {
            for mine in all where other.all.contains(mine) { return true }
            return false
        }
    }

    /// Encodes a name. `maxLength` is 4 in the reference; `nil` keeps the whole code.
    public static func encode(_ name: String, maxLength: Int? = 4) -> Codes {
        var bytes = [UInt8]()
        bytes.reserveCapacity(name.utf8.count + 5)
        for c in name.utf8 {
            bytes.append(c >= 0x61 && c <= 0x7A ? c - 0x20 : c)
        }
        var encoder = Encoder(upper: bytes, maxLength: maxLength ?? Int.max)
        encoder.run()
        return Codes(
            primary: String(decoding: encoder.primary.prefix(encoder.maxLength), as: UTF8.self),
            alternate: String(decoding: encoder.secondary.prefix(encoder.maxLength), as: UTF8.self))
    }
}

/// The reference algorithm's state: the padded upper-case word and the two codes being built.
private struct Encoder {
    var s: [UInt8]
    let length: Int
    let last: Int
    let maxLength: Int
    let slavoGermanic: Bool
    var primary: [UInt8] = []
    var secondary: [UInt8] = []

    init(upper: [UInt8], maxLength: Int) {
        s = upper
        length = upper.count
        last = length - 1
        self.maxLength = maxLength
        s.append(contentsOf: [0x20, 0x20, 0x20, 0x20, 0x20])
        var sg = false
        for i in 0..<upper.count {
            let c = upper[i]
            if c == 0x57 || c == 0x4B { sg = true; break }  // W, K
            if c == 0x43 && i + 1 < upper.count && upper[i + 1] == 0x5A { sg = true; break }  // CZ
        }
        slavoGermanic = sg  // "WITZ" contains W, so it is covered above.
        primary.reserveCapacity(8)
        secondary.reserveCapacity(8)
    }

    // MARK: Reference helpers

    @inline(__always) func at(_ i: Int) -> UInt8 { i >= 0 && i < s.count ? s[i] : 0 }

    @inline(__always) func isVowel(_ i: Int) -> Bool {
        guard i >= 0 && i < length else { return false }
        switch s[i] {
        case 0x41, 0x45, 0x49, 0x4F, 0x55, 0x59: return true  // AEIOUY
        default: return false
        }
    }

    /// `StringAt(start, len, pattern)`: the padded word holds `pattern` at `start`.
    @inline(__always) func has(_ start: Int, _ pattern: StaticString) -> Bool {
        if start < 0 { return false }
        let n = pattern.utf8CodeUnitCount
        if start + n > s.count { return false }
        let p = pattern.utf8Start
        for k in 0..<n where s[start + k] != p[k] { return false }
        return true
    }

    @inline(__always) func hasAny(_ start: Int, _ patterns: StaticString...) -> Bool {
        for p in patterns where has(start, p) { return true }
        return false
    }

    /// `MetaphAdd(main)`.
    mutating func add(_ main: StaticString) {
        append(main, to: &primary)
        append(main, to: &secondary)
    }

    /// `MetaphAdd(main, alt)`: an alternate of " " means "add nothing to the alternate".
    mutating func add(_ main: StaticString, _ alt: StaticString) {
        append(main, to: &primary)
        if alt.utf8CodeUnitCount > 0 {
            if alt.utf8Start[0] != 0x20 { append(alt, to: &secondary) }
        } else if main.utf8CodeUnitCount > 0 && main.utf8Start[0] != 0x20 {
            append(main, to: &secondary)
        }
    }

    @inline(__always) private func append(_ text: StaticString, to code: inout [UInt8]) {
        let p = text.utf8Start
        for k in 0..<text.utf8CodeUnitCount { code.append(p[k]) }
    }

    // MARK: Main loop

    mutating func run() {
        guard length > 0 else { return }
        var current = 0
        // Skip these when at start of word.
        if hasAny(0, "GN", "KN", "PN", "WR", "PS") { current += 1 }
        // Initial 'X' is pronounced 'Z', e.g. 'Xavier'.
        if at(0) == 0x58 {
            add("S")
            current += 1
        }
        while primary.count < maxLength || secondary.count < maxLength {
            if current >= length { break }
            switch at(current) {
            case 0x41, 0x45, 0x49, 0x4F, 0x55, 0x59:  // vowels: only an initial one is coded, as 'A'
                if current == 0 { add("A") }
                current += 1
            case 0x42:  // B ("-mb" is handled under M)
                add("P")
                current += at(current + 1) == 0x42 ? 2 : 1
            case 0x43: current = c(current)
            case 0x44: current = d(current)
            case 0x46:  // F
                current += at(current + 1) == 0x46 ? 2 : 1
                add("F")
            case 0x47: current = g(current)
            case 0x48:  // H: keep only if first and before a vowel, or between two vowels
                if (current == 0 || isVowel(current - 1)) && isVowel(current + 1) {
                    add("H")
                    current += 2
                } else {
                    current += 1
                }
            case 0x4A: current = j(current)
            case 0x4B:  // K
                current += at(current + 1) == 0x4B ? 2 : 1
                add("K")
            case 0x4C: current = l(current)
            case 0x4D:  // M; 'dumb', 'thumb'
                if (has(current - 1, "UMB") && (current + 1 == last || has(current + 2, "ER")))
                    || at(current + 1) == 0x4D
                {
                    current += 2
                } else {
                    current += 1
                }
                add("M")
            case 0x4E:  // N
                current += at(current + 1) == 0x4E ? 2 : 1
                add("N")
            case 0x50:  // P
                if at(current + 1) == 0x48 {
                    add("F")
                    current += 2
                } else {
                    // also account for "campbell", "raspberry"
                    current += hasAny(current + 1, "P", "B") ? 2 : 1
                    add("P")
                }
            case 0x51:  // Q
                current += at(current + 1) == 0x51 ? 2 : 1
                add("K")
            case 0x52: current = r(current)
            case 0x53: current = sRule(current)
            case 0x54: current = t(current)
            case 0x56:  // V
                current += at(current + 1) == 0x56 ? 2 : 1
                add("F")
            case 0x57: current = w(current)
            case 0x58: current = x(current)
            case 0x5A: current = z(current)
            default: current += 1
            }
        }
    }

    // MARK: Letter rules (each returns the next position)

    mutating func c(_ current: Int) -> Int {
        // Various Germanic.
        if current > 1 && !isVowel(current - 2) && has(current - 1, "ACH")
            && at(current + 2) != 0x49
            && (at(current + 2) != 0x45 || hasAny(current - 2, "BACHER", "MACHER"))
        {
            add("K")
            return current + 2
        }
        // Special case 'caesar'.
        if current == 0 && has(current, "CAESAR") {
            add("S")
            return current + 2
        }
        // Italian 'chianti'.
        if has(current, "CHIA") {
            add("K")
            return current + 2
        }
        if has(current, "CH") {
            // 'michael'
            if current > 0 && has(current, "CHAE") {
                add("K", "X")
                return current + 2
            }
            // Greek roots, e.g. 'chemistry', 'chorus'.
            if current == 0
                && (hasAny(current + 1, "HARAC", "HARIS") || hasAny(current + 1, "HOR", "HYM", "HIA", "HEM"))
                && !has(0, "CHORE")
            {
                add("K")
                return current + 2
            }
            // Germanic, Greek, or otherwise 'ch' for 'kh' sound.
            if hasAny(0, "VAN ", "VON ") || has(0, "SCH")
                || hasAny(current - 2, "ORCHES", "ARCHIT", "ORCHID")  // 'architect' but not 'arch'
                || hasAny(current + 2, "T", "S")
                || ((hasAny(current - 1, "A", "O", "U", "E") || current == 0)
                    // e.g. 'wachtler', 'wechsler', but not 'tichner'
                    && hasAny(current + 2, "L", "R", "N", "M", "B", "H", "F", "V", "W", " "))
            {
                add("K")
            } else if current > 0 {
                if has(0, "MC") { add("K") } else { add("X", "K") }  // e.g. "McHugh"
            } else {
                add("X")
            }
            return current + 2
        }
        // e.g. 'czerny'
        if has(current, "CZ") && !has(current - 2, "WICZ") {
            add("S", "X")
            return current + 2
        }
        // e.g. 'focaccia'
        if has(current + 1, "CIA") {
            add("X")
            return current + 3
        }
        // Double 'C', but not if e.g. 'McClellan'.
        if has(current, "CC") && !(current == 1 && at(0) == 0x4D) {
            // 'bellocchio' but not 'bacchus'
            if hasAny(current + 2, "I", "E", "H") && !has(current + 2, "HU") {
                // 'accident', 'accede', 'succeed'
                if (current == 1 && at(current - 1) == 0x41) || hasAny(current - 1, "UCCEE", "UCCES") {
                    add("KS")
                } else {
                    add("X")  // 'bacci', 'bertucci', other Italian
                }
                return current + 3
            }
            add("K")  // Pierce's rule
            return current + 2
        }
        if hasAny(current, "CK", "CG", "CQ") {
            add("K")
            return current + 2
        }
        if hasAny(current, "CI", "CE", "CY") {
            // Italian vs. English.
            if hasAny(current, "CIO", "CIE", "CIA") { add("S", "X") } else { add("S") }
            return current + 2
        }
        add("K")
        // Name sent in 'mac caffrey', 'mac gregor'.
        if hasAny(current + 1, " C", " Q", " G") { return current + 3 }
        if hasAny(current + 1, "C", "K", "Q") && !hasAny(current + 1, "CE", "CI") { return current + 2 }
        return current + 1
    }

    mutating func d(_ current: Int) -> Int {
        if has(current, "DG") {
            if hasAny(current + 2, "I", "E", "Y") {
                add("J")  // e.g. 'edge'
                return current + 3
            }
            add("TK")  // e.g. 'edgar'
            return current + 2
        }
        add("T")
        return current + (hasAny(current, "DT", "DD") ? 2 : 1)
    }

    mutating func g(_ current: Int) -> Int {
        if at(current + 1) == 0x48 {  // GH
            if current > 0 && !isVowel(current - 1) {
                add("K")
                return current + 2
            }
            // 'ghislane', 'ghiradelli'
            if current == 0 {
                if at(current + 2) == 0x49 { add("J") } else { add("K") }
                return current + 2
            }
            // Parker's rule (with some further refinements), e.g. 'hugh', 'bough', 'broughton'.
            if (current > 1 && hasAny(current - 2, "B", "H", "D"))
                || (current > 2 && hasAny(current - 3, "B", "H", "D"))
                || (current > 3 && hasAny(current - 4, "B", "H"))
            {
                return current + 2
            }
            // e.g. 'laugh', 'McLaughlin', 'cough', 'gough', 'rough', 'tough'
            if current > 2 && at(current - 1) == 0x55 && hasAny(current - 3, "C", "G", "L", "R", "T") {
                add("F")
            } else if current > 0 && at(current - 1) != 0x49 {
                add("K")
            }
            return current + 2
        }
        if at(current + 1) == 0x4E {  // GN
            if current == 1 && isVowel(0) && !slavoGermanic {
                add("KN", "N")
            } else if !has(current + 2, "EY") && at(current + 1) != 0x59 && !slavoGermanic {
                add("N", "KN")  // not e.g. 'cagney'
            } else {
                add("KN")
            }
            return current + 2
        }
        // 'tagliaro'
        if has(current + 1, "LI") && !slavoGermanic {
            add("KL", "L")
            return current + 2
        }
        // -ges-, -gep-, -gel-, -gie- at beginning
        if current == 0
            && (at(current + 1) == 0x59
                || hasAny(current + 1, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"))
        {
            add("K", "J")
            return current + 2
        }
        // -ger-, -gy-
        if (has(current + 1, "ER") || at(current + 1) == 0x59)
            && !hasAny(0, "DANGER", "RANGER", "MANGER")
            && !hasAny(current - 1, "E", "I")
            && !hasAny(current - 1, "RGY", "OGY")
        {
            add("K", "J")
            return current + 2
        }
        // Italian, e.g. 'biaggi'
        if hasAny(current + 1, "E", "I", "Y") || hasAny(current - 1, "AGGI", "OGGI") {
            if hasAny(0, "VAN ", "VON ") || has(0, "SCH") || has(current + 1, "ET") {
                add("K")  // obvious Germanic
            } else if has(current + 1, "IER ") {
                add("J")  // always soft if French ending
            } else {
                add("J", "K")
            }
            return current + 2
        }
        add("K")
        return current + (at(current + 1) == 0x47 ? 2 : 1)
    }

    mutating func j(_ current: Int) -> Int {
        // Obvious Spanish: 'jose', 'san jacinto'.
        if has(current, "JOSE") || has(0, "SAN ") {
            if (current == 0 && at(current + 4) == 0x20) || has(0, "SAN ") {
                add("H")
            } else {
                add("J", "H")
            }
            return current + 1
        }
        if current == 0 && !has(current, "JOSE") {
            add("J", "A")  // Yankelovich/Jankelowicz
        } else if isVowel(current - 1) && !slavoGermanic && (at(current + 1) == 0x41 || at(current + 1) == 0x4F) {
            add("J", "H")  // Spanish pronunciation of e.g. 'bajador'
        } else if current == last {
            add("J", " ")
        } else if !hasAny(current + 1, "L", "T", "K", "S", "N", "M", "B", "Z") && !hasAny(current - 1, "S", "K", "L") {
            add("J")
        }
        return current + (at(current + 1) == 0x4A ? 2 : 1)
    }

    mutating func l(_ current: Int) -> Int {
        if at(current + 1) == 0x4C {
            // Spanish, e.g. 'cabrillo', 'gallegos'
            if (current == length - 3 && hasAny(current - 1, "ILLO", "ILLA", "ALLE"))
                || ((hasAny(last - 1, "AS", "OS") || hasAny(last, "A", "O")) && has(current - 1, "ALLE"))
            {
                add("L", " ")
                return current + 2
            }
            add("L")
            return current + 2
        }
        add("L")
        return current + 1
    }

    mutating func r(_ current: Int) -> Int {
        // French, e.g. 'rogier', but exclude 'hochmeier'.
        if current == last && !slavoGermanic && has(current - 2, "IE") && !hasAny(current - 4, "ME", "MA") {
            add("", "R")
        } else {
            add("R")
        }
        return current + (at(current + 1) == 0x52 ? 2 : 1)
    }

    mutating func sRule(_ current: Int) -> Int {
        // Special cases 'island', 'isle', 'carlisle', 'carlysle'.
        if hasAny(current - 1, "ISL", "YSL") { return current + 1 }
        // Special case 'sugar-'.
        if current == 0 && has(current, "SUGAR") {
            add("X", "S")
            return current + 1
        }
        if has(current, "SH") {
            // Germanic.
            if hasAny(current + 1, "HEIM", "HOEK", "HOLM", "HOLZ") { add("S") } else { add("X") }
            return current + 2
        }
        // Italian and Armenian.
        if hasAny(current, "SIO", "SIA") || has(current, "SIAN") {
            if !slavoGermanic { add("S", "X") } else { add("S") }
            return current + 3
        }
        // German and anglicisations, e.g. 'smith' matches 'schmidt', 'snider' matches 'schneider';
        // also -sz- in Slavic languages, although in Hungarian it is pronounced 's'.
        if (current == 0 && hasAny(current + 1, "M", "N", "L", "W")) || has(current + 1, "Z") {
            add("S", "X")
            return current + (has(current + 1, "Z") ? 2 : 1)
        }
        if has(current, "SC") {
            // Schlesinger's rule.
            if at(current + 2) == 0x48 {
                // Dutch origin, e.g. 'school', 'schooner'.
                if hasAny(current + 3, "OO", "ER", "EN", "UY", "ED", "EM") {
                    // 'schermerhorn', 'schenker'
                    if hasAny(current + 3, "ER", "EN") { add("X", "SK") } else { add("SK") }
                    return current + 3
                }
                if current == 0 && !isVowel(3) && at(3) != 0x57 { add("X", "S") } else { add("X") }
                return current + 3
            }
            if hasAny(current + 2, "I", "E", "Y") {
                add("S")
                return current + 3
            }
            add("SK")
            return current + 3
        }
        // French, e.g. 'resnais', 'artois'.
        if current == last && hasAny(current - 2, "AI", "OI") { add("", "S") } else { add("S") }
        return current + (hasAny(current + 1, "S", "Z") ? 2 : 1)
    }

    mutating func t(_ current: Int) -> Int {
        if has(current, "TION") {
            add("X")
            return current + 3
        }
        if hasAny(current, "TIA", "TCH") {
            add("X")
            return current + 3
        }
        if has(current, "TH") || has(current, "TTH") {
            // Special case 'thomas', 'thames', or Germanic.
            if hasAny(current + 2, "OM", "AM") || hasAny(0, "VAN ", "VON ") || has(0, "SCH") {
                add("T")
            } else {
                add("0", "T")
            }
            return current + 2
        }
        add("T")
        return current + (hasAny(current + 1, "T", "D") ? 2 : 1)
    }

    mutating func w(_ current: Int) -> Int {
        // Can also be in the middle of a word.
        if has(current, "WR") {
            add("R")
            return current + 2
        }
        if current == 0 && (isVowel(current + 1) || has(current, "WH")) {
            // Wasserman should match Vasserman; Uomo should match Womo.
            if isVowel(current + 1) { add("A", "F") } else { add("A") }
        }
        // Arnow should match Arnoff.
        if (current == last && isVowel(current - 1))
            || hasAny(current - 1, "EWSKI", "EWSKY", "OWSKI", "OWSKY")
            || has(0, "SCH")
        {
            add("", "F")
            return current + 1
        }
        // Polish, e.g. 'filipowicz'.
        if hasAny(current, "WICZ", "WITZ") {
            add("TS", "FX")
            return current + 4
        }
        return current + 1
    }

    mutating func x(_ current: Int) -> Int {
        // French, e.g. 'breaux'.
        if !(current == last && (hasAny(current - 3, "IAU", "EAU") || hasAny(current - 2, "AU", "OU"))) {
            add("KS")
        }
        return current + (hasAny(current + 1, "C", "X") ? 2 : 1)
    }

    mutating func z(_ current: Int) -> Int {
        // Chinese pinyin, e.g. 'zhao'.
        if at(current + 1) == 0x48 {
            add("J")
            return current + 2
        }
        if hasAny(current + 1, "ZO", "ZI", "ZA") || (slavoGermanic && current > 0 && at(current - 1) != 0x54) {
            add("S", "TS")
        } else {
            add("S")
        }
        return current + (at(current + 1) == 0x5A ? 2 : 1)
    }
}
