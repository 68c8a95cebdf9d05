/// Agreement of a single-valued attribute such as sex.
public enum AgreementLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case agree
    case disagree
    case missing
}

/// Sex: agree, disagree, or missing on either side.
public enum SexComparison {
    public static func compare(_ a: Sex?, _ b: Sex?) -> AgreementLevel {
        guard let a, let b else { return .missing }
        return a == b ? .agree : .disagree
    }
}

/// How country of birth and citizenship agree, taken together.
///
/// The two are strongly correlated (most people are citizens of their country of birth), so
/// they form one attribute rather than two that would count the same evidence twice.
public enum CountryLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every comparable country attribute agrees.
    case agree
    /// One agrees and one differs (e.g. naturalised elsewhere): no evidence either way.
    case mixed
    /// Every comparable country attribute differs.
    case disagree
    case missing
}

public enum CountryComparison {
    /// Compares country of birth (when both have it) and citizenship (when both have any; it
    /// agrees when the sets share a country).
    public static func compare(_ a: MatchRecord, _ b: MatchRecord) -> CountryLevel {
        var agreements = 0
        var disagreements = 0
        if let x = a.countryOfBirth, let y = b.countryOfBirth, !x.isEmpty, !y.isEmpty {
            if x == y { agreements += 1 } else { disagreements += 1 }
        }
        if !a.citizenship.isEmpty && !b.citizenship.isEmpty {
            if a.citizenship.contains(where: b.citizenship.contains) { agreements += 1 } else { disagreements += 1 }
        }
        switch (agreements, disagreements) {
        case (0, 0): return .missing
        case (_, 0): return .agree
        case (0, _): return .disagree
        default: return .mixed
        }
    }
}

/// How the addresses of two records agree: the best pair over current and past addresses.
public enum AddressLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Same address line (after upstream normalisation: equal, or the same numbers and
    /// Jaro–Winkler ≥ 0.95 for the spelling) and the postcodes do not contradict it. Numbers
    /// must match exactly because "apt 4" and "apt 5" are different households.
    case lineAgrees
    /// Different lines in the same postcode.
    case zipAgrees
    /// No address in common. Weak evidence: people move.
    case disagree
    case missing
}

/// The comparison of two address lists.
public struct AddressComparison: Sendable, Hashable {
    public var level: AddressLevel
    /// The lead's address that agreed, to look up how many subjects share it.
    public var agreeing: Address?

    /// Jaro–Winkler cut-off for two normalised address lines to count as the same.
    public static let lineSimilarity = 0.95

    public static func compare(_ a: [Address], _ b: [Address]) -> AddressComparison {
        compare(a.compactMap(PreparedAddress.init), b.compactMap(PreparedAddress.init))
    }

    static func compare(_ a: [PreparedAddress], _ b: [PreparedAddress]) -> AddressComparison {
        if a.isEmpty || b.isEmpty { return AddressComparison(level: .missing, agreeing: nil) }
        var best = AddressComparison(level: .disagree, agreeing: nil)
        for x in a {
            for y in b {
                let zipsCompatible = x.zip5 == nil || y.zip5 == nil || x.zip5 == y.zip5
                if zipsCompatible && !x.line.isEmpty && !y.line.isEmpty
                    && (x.line == y.line
                        || (x.line.filter(isDigit) == y.line.filter(isDigit)
                            && JaroWinkler.similarity(x.line, y.line) >= lineSimilarity))
                {
                    return AddressComparison(level: .lineAgrees, agreeing: x.address)
                }
                if best.level == .disagree, let zip = x.zip5, zip == y.zip5 {
                    best = AddressComparison(level: .zipAgrees, agreeing: x.address)
                }
            }
        }
        return best
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
