/// How well one name part (family or given) of two records agrees, strongest first.
///
/// The levels are the comparison vector of a Fellegi–Sunter model: each gets its own m and u
/// probability in ``MatchModel``. They combine exact comparison, a variant table
/// (``NameVariants``), Double Metaphone, Jaro–Winkler bands (0.92 and 0.85, the usual cut-offs
/// for names in the record-linkage literature) and token-level comparison of multi-word names.
public enum NameLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Same name (for given names: the same first name, compatible middle names).
    case exact
    /// Different spellings of one name per ``NameVariants``: Bill/William, Mohammed/Muhammad.
    case variant
    /// Full-length Double Metaphone codes agree: Smith/Smyth. For given names the spelling must
    /// also be close (Jaro–Winkler ≥ 0.8), or Juan/John and Diane/Donna would agree.
    case phonetic
    /// Jaro–Winkler ≥ 0.92, or equal once OCR confusions are folded (i/l/1, o/0, s/5, b/8):
    /// "mar1a" repaired to "marla" is still "maria".
    case jaroWinklerHigh
    /// Jaro–Winkler ≥ 0.85.
    case jaroWinklerMedium
    /// One side is only an initial, and it agrees.
    case initial
    /// Given and family name are recorded the other way round.
    case swapped
    /// One token of a multi-token name agrees: "garcia lopez" vs "garcia", or a person who
    /// uses a middle name as first name.
    case compoundPartial
    case disagree
    /// Either side has no value: no evidence either way.
    case missing

    /// Ordering used to pick the better of two alignments (lower is stronger).
    var strength: Int {
        switch self {
        case .exact: 0
        case .variant: 1
        case .phonetic: 2
        case .jaroWinklerHigh: 3
        case .compoundPartial: 4
        case .jaroWinklerMedium: 5
        case .initial: 6
        case .swapped: 7
        case .disagree: 8
        case .missing: 9
        }
    }

    /// Exact, variant, phonetic or Jaro–Winkler high: good enough to trust an alignment.
    var isStrong: Bool { strength <= NameLevel.jaroWinklerHigh.strength }
}

/// The comparison of two person names.
public struct NameComparison: Sendable, Hashable {
    public var family: NameLevel
    public var given: NameLevel
    /// For `.swapped`: the weaker of the two crossed agreements (given vs family each way).
    public var swapQuality: NameLevel?
    /// The agreeing family value whose frequency sets `u` (exact, swapped or compound levels).
    public var familyValue: String?
    /// The agreeing given name (first token) whose frequency sets `u`.
    public var givenValue: String?

    /// Compares two names; see ``NameLevel`` for the levels.
    public static func compare(_ a: PersonName, _ b: PersonName) -> NameComparison {
        compare(PreparedName(a), PreparedName(b))
    }

    static func compare(_ a: PreparedName, _ b: PreparedName) -> NameComparison {
        let family = NamePartComparator.family(a.family, b.family)
        let given = NamePartComparator.given(a.given, b.given)
        let straight = NameComparison(
            family: family.level, given: given.level, swapQuality: nil, familyValue: family.value,
            givenValue: given.value)
        if family.level.isStrong && given.level != .disagree { return straight }
        if a.family.isEmpty || a.given.isEmpty || b.family.isEmpty || b.given.isEmpty { return straight }

        // Name order swapped in one source: compare each part with the other record's other part.
        // Both crossings use the given-name rules (first name, middle names optional): in a
        // swap one side's family field holds the other's given name, often without its middle
        // name ("lopez" + "ana" against "ana maria" + "lopez"), which the family rules would
        // call a partial compound and so miss the swap in one direction.
        let crossFamily = NamePartComparator.given(a.family, b.given)
        let crossGiven = NamePartComparator.given(a.given, b.family)
        let crossWorst = crossFamily.level.strength >= crossGiven.level.strength ? crossFamily.level : crossGiven.level
        let straightSum = family.level.strength + given.level.strength
        if crossWorst.isStrong && crossFamily.level.strength + crossGiven.level.strength < straightSum {
            return NameComparison(
                family: .swapped, given: .swapped, swapQuality: crossWorst,
                // Values as the candidate spells them: its order is the one on record.
                familyValue: crossGiven.level == .exact ? b.family.value : nil,
                givenValue: crossFamily.level == .exact ? b.given.tokens[0].text : nil)
        }
        // The same tokens split differently between the parts ("li wei" / "wei" + "li").
        if family.level == .disagree || given.level == .disagree, sameTokenBag(a, b) {
            return NameComparison(
                family: .swapped, given: .swapped, swapQuality: .exact, familyValue: b.family.value,
                givenValue: b.given.tokens[0].text)
        }
        return straight
    }

    private static func sameTokenBag(_ a: PreparedName, _ b: PreparedName) -> Bool {
        let left = (a.family.tokens + a.given.tokens).map(\.text).sorted()
        let right = (b.family.tokens + b.given.tokens).map(\.text).sorted()
        return left == right
    }
}

/// Level of one name part, and the agreeing value for term-frequency lookup.
struct PartResult: Sendable {
    var level: NameLevel
    var value: String?
}

/// The per-part comparison rules. Family names are compared as token sequences (compound
/// surnames, particles, "mc donald" vs "mcdonald"); given names by their first token, with
/// middle names only breaking ties or explaining a person known by the middle name.
enum NamePartComparator {
    static func family(_ a: PreparedNamePart, _ b: PreparedNamePart) -> PartResult {
        if a.isEmpty || b.isEmpty { return PartResult(level: .missing) }
        if a.joined.bytes == b.joined.bytes { return PartResult(level: .exact, value: a.value) }
        let multi = a.tokens.count > 1 || b.tokens.count > 1
        if !multi { return PartResult(level: token(a.tokens[0], b.tokens[0], genderedEndingsDiffer: false)) }

        if a.tokens.count == b.tokens.count {
            if a.tokens.map(\.text).sorted() == b.tokens.map(\.text).sorted() {
                return PartResult(level: .exact, value: a.value)  // "lopez garcia" vs "garcia lopez"
            }
            let inOrder = worstAligned(a.tokens, b.tokens, reversed: false)
            let reversed = worstAligned(a.tokens, b.tokens, reversed: true)
            let best = inOrder.strength <= reversed.strength ? inOrder : reversed
            if best.strength <= NameLevel.jaroWinklerMedium.strength { return PartResult(level: best) }
        }
        // One token of a compound surname agrees.
        var bestToken: (level: NameLevel, value: String?)? = nil
        for x in a.tokens where !x.isInitial {
            for y in b.tokens where !y.isInitial {
                let level = token(x, y, genderedEndingsDiffer: false)
                if level.strength <= NameLevel.phonetic.strength,
                    bestToken == nil || level.strength < bestToken!.level.strength
                {
                    bestToken = (level, level == .exact ? x.text : nil)
                }
            }
        }
        if let bestToken { return PartResult(level: .compoundPartial, value: bestToken.value) }
        // Particles written together or apart: "van der berg" vs "vandenberg".
        let whole = token(a.joined, b.joined, genderedEndingsDiffer: false)
        if whole != .exact && whole.strength <= NameLevel.jaroWinklerMedium.strength { return PartResult(level: whole) }
        if token(a.tokens[0], b.tokens[0], genderedEndingsDiffer: false) == .initial { return PartResult(level: .initial) }
        return PartResult(level: .disagree)
    }

    static func given(_ a: PreparedNamePart, _ b: PreparedNamePart) -> PartResult {
        if a.isEmpty || b.isEmpty { return PartResult(level: .missing) }
        let firstA = a.tokens[0]
        let firstB = b.tokens[0]
        if a.joined.bytes == b.joined.bytes { return PartResult(level: .exact, value: firstA.text) }
        let first = token(firstA, firstB, genderedEndingsDiffer: true)
        switch first {
        case .exact:
            // "anna maria" vs "anna sofia": same first name, conflicting middle names.
            if a.tokens.count > 1 && b.tokens.count > 1 {
                let middle = token(a.tokens[1], b.tokens[1], genderedEndingsDiffer: true)
                if middle == .disagree || middle == .jaroWinklerMedium {
                    return PartResult(level: .compoundPartial, value: firstA.text)
                }
            }
            return PartResult(level: .exact, value: firstA.text)
        case .variant, .phonetic, .jaroWinklerHigh, .jaroWinklerMedium, .initial:
            return PartResult(level: first)
        default:
            break
        }
        // Known by a middle name: "john robert" vs "robert".
        for (i, x) in a.tokens.enumerated() where !x.isInitial {
            for (j, y) in b.tokens.enumerated() where (i > 0 || j > 0) && !y.isInitial {
                let level = token(x, y, genderedEndingsDiffer: true)
                if level == .exact || level == .variant {
                    return PartResult(level: .compoundPartial, value: level == .exact ? x.text : nil)
                }
            }
        }
        return PartResult(level: .disagree)
    }

    /// The weakest level among tokens aligned position by position (or in reverse order).
    private static func worstAligned(_ a: [PreparedToken], _ b: [PreparedToken], reversed: Bool) -> NameLevel {
        var worst = NameLevel.exact
        let n = a.count
        for i in 0..<n {
            let level = token(a[i], b[reversed ? n - 1 - i : i], genderedEndingsDiffer: false)
            if level.strength > worst.strength { worst = level }
        }
        return worst
    }

    /// Compares two single tokens: exact, variant, phonetic, Jaro–Winkler bands, initial.
    ///
    /// - Parameter genderedEndingsDiffer: treat Mario/Maria and Daniel/Daniela as different
    ///   names (given names only). They are one letter apart and sound alike, yet name two
    ///   people, typically siblings or twins, so neither phonetic nor Jaro–Winkler may join them.
    static func token(_ a: PreparedToken, _ b: PreparedToken, genderedEndingsDiffer: Bool) -> NameLevel {
        if a.bytes == b.bytes { return .exact }
        if a.bytes.isEmpty || b.bytes.isEmpty { return .missing }
        if a.isInitial || b.isInitial { return a.bytes[0] == b.bytes[0] ? .initial : .disagree }
        if NameVariants.shareGroup(a.groups, b.groups) { return .variant }
        if genderedEndingsDiffer && isGenderedPair(a.bytes, b.bytes) { return .disagree }
        let similarity = JaroWinkler.similarity(a.bytes, b.bytes)
        // Given names must also look alike: short first names collide phonetically far more
        // than surnames do (Juan/John, Diane/Donna, Anthony/Jonathan), and such pairs are
        // exactly the names parents give to twins.
        if a.fullCodes.agrees(with: b.fullCodes) && (!genderedEndingsDiffer || similarity >= givenPhoneticSimilarity) {
            return .phonetic
        }
        if similarity >= 0.92 || a.ocrFolded == b.ocrFolded { return .jaroWinklerHigh }
        if similarity >= 0.85 { return .jaroWinklerMedium }
        return .disagree
    }

    /// Jaro–Winkler a given name needs besides equal Double Metaphone codes to count as phonetic.
    static let givenPhoneticSimilarity = 0.8

    /// Masculine/feminine pairs of one stem: "mario"/"maria", "daniel"/"daniela".
    static func isGenderedPair(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let lowerA = UInt8(ascii: "a")
        let lowerO = UInt8(ascii: "o")
        if a.count == b.count && a.count >= 3 {
            let x = a[a.count - 1]
            let y = b[b.count - 1]
            return ((x == lowerA && y == lowerO) || (x == lowerO && y == lowerA)) && a.dropLast() == b.dropLast()
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short.count >= 3 && long.count == short.count + 1 && long.last == lowerA
            && long.starts(with: short)
    }
}
