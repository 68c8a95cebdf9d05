/// Cheap edit-distance tests for short keys (identifier values, dates written as digits).
///
/// Matching only ever needs "is it within one edit?", never the distance itself, so these run
/// in one linear pass without a dynamic-programming matrix.
enum EditDistance {
    /// True when `a` and `b` differ by at most one edit of the restricted Damerau–Levenshtein
    /// (optimal string alignment) distance: one substitution, insertion, deletion, or
    /// transposition of two adjacent characters.
    static func isWithinOne(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = a.count
        let m = b.count
        if abs(n - m) > 1 { return false }
        var i = 0
        while i < min(n, m) && a[i] == b[i] { i += 1 }
        if i == min(n, m) { return true }  // equal, or one trailing insertion
        if n == m {
            // Substitution: the rest must agree.
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            // Adjacent transposition.
            return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        // One insertion: skip a character of the longer string.
        return n > m ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }

    /// Number of positions at which two equally long strings differ (`nil` if lengths differ).
    static func hamming(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        guard a.count == b.count else { return nil }
        var count = 0
        for i in 0..<a.count where a[i] != b[i] { count += 1 }
        return count
    }
}

/// Folding of the characters that optical character recognition and hand keying confuse
/// most: 0/O, 1/I/L, 5/S, 8/B. Two identifier values that are equal after folding differ
/// only by such confusions.
enum OCRFold {
    /// Maps upper-case letters to the digit they are mistaken for; leaves the rest alone.
    @inline(__always)
    static func fold(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "O"): UInt8(ascii: "0")
        case UInt8(ascii: "I"), UInt8(ascii: "L"): UInt8(ascii: "1")
        case UInt8(ascii: "S"): UInt8(ascii: "5")
        case UInt8(ascii: "B"): UInt8(ascii: "8")
        default: c
        }
    }

    static func fold(_ value: [UInt8]) -> [UInt8] { value.map(fold) }

    /// Repairs digits inside a lower-case name token to the letter they most likely stood for,
    /// so that "5mith" is encoded and compared as "smith". A digit is never part of a name.
    @inline(__always)
    static func repairNameByte(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0"): UInt8(ascii: "o")
        case UInt8(ascii: "1"): UInt8(ascii: "l")
        case UInt8(ascii: "5"): UInt8(ascii: "s")
        case UInt8(ascii: "8"): UInt8(ascii: "b")
        default: c
        }
    }
}
