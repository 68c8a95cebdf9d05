/// Jaro–Winkler string similarity (Jaro 1989; Winkler 1990), the standard comparator for
/// short name strings in record linkage.
///
/// Jaro counts characters that agree within a window of `max(len)/2 - 1` positions and the
/// transpositions among them; Winkler adds a bonus for a common prefix of up to four
/// characters, because keying errors are rarer at the start of a name. Works on bytes
/// (names are ASCII after upstream folding); the matched-character flags live in two
/// 64-bit masks for strings up to 64 bytes, so the common case allocates nothing.
public enum JaroWinkler {
    /// Winkler's prefix scale `p`.
    public static let prefixScale = 0.1
    /// Winkler only boosts strings whose Jaro similarity already exceeds this.
    public static let boostThreshold = 0.7

    /// Jaro–Winkler similarity in `0...1`; 1 for identical strings, 0 when either is empty.
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(Array(a.utf8), Array(b.utf8))
    }

    /// Jaro–Winkler similarity of two byte strings.
    public static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let jaroValue = jaro(a, b)
        guard jaroValue > boostThreshold else { return jaroValue }
        let limit = min(4, a.count, b.count)
        var prefix = 0
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return jaroValue + Double(prefix) * prefixScale * (1 - jaroValue)
    }

    /// Plain Jaro similarity in `0...1`.
    public static func jaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        if a == b { return 1 }
        // Iterate over the shorter string: the result is symmetric.
        let (s, t) = a.count <= b.count ? (a, b) : (b, a)
        if t.count <= 64 {
            return s.withUnsafeBufferPointer { sp in
                t.withUnsafeBufferPointer { tp in jaroMasked(sp, tp) }
            }
        }
        return jaroGeneral(s, t)
    }

    /// Bit-mask variant for strings of at most 64 bytes.
    private static func jaroMasked(_ s: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Double {
        let window = max(0, max(s.count, t.count) / 2 - 1)
        var sFlags: UInt64 = 0
        var tFlags: UInt64 = 0
        var matches = 0
        for i in 0..<s.count {
            let low = max(0, i - window)
            let high = min(t.count - 1, i + window)
            if low > high { continue }
            let c = s[i]
            for j in low...high where tFlags & (1 << UInt64(j)) == 0 && t[j] == c {
                tFlags |= 1 << UInt64(j)
                sFlags |= 1 << UInt64(i)
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var k = 0
        for i in 0..<s.count where sFlags & (1 << UInt64(i)) != 0 {
            while tFlags & (1 << UInt64(k)) == 0 { k += 1 }
            if s[i] != t[k] { transpositions += 1 }
            k += 1
        }
        return combine(matches: matches, transpositions: transpositions, s.count, t.count)
    }

    /// Array-flag variant for long strings (addresses, organisation names).
    private static func jaroGeneral(_ s: [UInt8], _ t: [UInt8]) -> Double {
        let window = max(0, max(s.count, t.count) / 2 - 1)
        var sFlags = [Bool](repeating: false, count: s.count)
        var tFlags = [Bool](repeating: false, count: t.count)
        var matches = 0
        for i in 0..<s.count {
            let low = max(0, i - window)
            let high = min(t.count - 1, i + window)
            if low > high { continue }
            for j in low...high where !tFlags[j] && t[j] == s[i] {
                tFlags[j] = true
                sFlags[i] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var k = 0
        for i in 0..<s.count where sFlags[i] {
            while !tFlags[k] { k += 1 }
            if s[i] != t[k] { transpositions += 1 }
            k += 1
        }
        return combine(matches: matches, transpositions: transpositions, s.count, t.count)
    }

    @inline(__always)
    private static func combine(matches: Int, transpositions: Int, _ n1: Int, _ n2: Int) -> Double {
        let m = Double(matches)
        let t = Double(transpositions / 2)
        return (m / Double(n1) + m / Double(n2) + (m - t) / m) / 3
    }
}
