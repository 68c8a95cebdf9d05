/// How the identifiers of one type (and issuer) agree between two records.
public enum IdentifierLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// A value is equal on both sides: strong evidence.
    case exact
    /// Values within one edit (Damerau–Levenshtein: substitution, insertion, deletion,
    /// adjacent transposition) after folding OCR confusions (0/O, 1/I/L, 5/S, 8/B).
    case typo
    /// Same type and same issuer, and no value close to another: strong counter-evidence
    /// for documents a person holds one of (unless the value is generic).
    case conflicting
    /// Nothing to compare (the type is on one side only, or issuers differ).
    case noneComparable
}

/// The comparison of one identifier type between two records.
public struct IdentifierComparison: Sendable, Hashable {
    public var type: String
    /// The issuer both sides share; `nil` when the type has none or one side did not say.
    public var issuer: String?
    public var level: IdentifierLevel
    /// The lead's value involved (the agreeing one, or the first conflicting one), canonical.
    public var leadValue: String
    /// The candidate's value involved, canonical.
    public var candidateValue: String

    /// Compares two identifier lists: one result per type and issuer on the lead
    /// (`.noneComparable` when the candidate has nothing to compare it with). Placeholder
    /// values ("000000000") are ignored.
    public static func compare(_ lead: [Identifier], _ candidate: [Identifier]) -> [IdentifierComparison] {
        compare(
            lead.map(PreparedIdentifier.init).filter { !$0.isPlaceholder },
            candidate.map(PreparedIdentifier.init).filter { !$0.isPlaceholder })
    }

    /// Values of one type agree when their issuers are equal or either is unknown (the same
    /// number with no issuer recorded is still the same number). They can only *conflict* when
    /// the issuers are known to be the same: two passports from different countries don't.
    static func compare(_ lead: [PreparedIdentifier], _ candidate: [PreparedIdentifier]) -> [IdentifierComparison] {
        if lead.isEmpty { return [] }
        var results: [IdentifierComparison] = []
        var done: [(type: String, issuer: String?)] = []
        for group in lead where !done.contains(where: { $0.type == group.type && $0.issuer == group.issuer }) {
            done.append((group.type, group.issuer))
            var best: IdentifierComparison? = nil
            for x in lead where x.type == group.type && x.issuer == group.issuer {
                for y in candidate where y.type == x.type {
                    let sameIssuer = x.issuer == y.issuer
                    guard sameIssuer || x.issuer == nil || y.issuer == nil else { continue }
                    let level: IdentifierLevel
                    if x.value == y.value {
                        level = .exact
                    } else if x.value.count >= 6 && EditDistance.isWithinOne(x.folded, y.folded) {
                        level = .typo
                    } else if sameIssuer {
                        level = .conflicting
                    } else {
                        continue
                    }
                    if best == nil || level.rank < best!.level.rank {
                        best = IdentifierComparison(
                            type: x.type, issuer: x.issuer ?? y.issuer, level: level, leadValue: x.valueString,
                            candidateValue: y.valueString)
                    }
                }
            }
            results.append(
                best
                    ?? IdentifierComparison(
                        type: group.type, issuer: group.issuer, level: .noneComparable,
                        leadValue: group.valueString, candidateValue: ""))
        }
        return results
    }
}

extension IdentifierLevel {
    var rank: Int {
        switch self {
        case .exact: 0
        case .typo: 1
        case .conflicting: 2
        case .noneComparable: 3
        }
    }
}
