/// One kind of realistic error a duplicate record can carry, recorded on the lead's label for
/// diagnostics (which errors the matcher caught or missed).
public enum Corruption: String, Sendable, Hashable, Codable, CaseIterable {
    /// One letter of the given or family name inserted, deleted, substituted or transposed.
    case typo
    /// One OCR confusion (0/O, 1/I/l, 5/S, 8/B) in an identifier or name.
    case ocrSubstitution
    /// The date of birth, identifiers, address or middle name left out.
    case missingField
    /// The date of birth with day and month exchanged (only when that is a real date).
    case dayMonthSwap
    /// Given and family name exchanged.
    case nameOrderSwap
    /// The given name replaced by one of its nicknames.
    case nickname
    /// The given or family name in another romanisation.
    case transliteration
    /// A different (newer) address.
    case addressChange
    /// One digit of an identifier changed.
    case identifierTypo
    /// The date of birth reduced to the year, or the year and month.
    case partialDOB

    /// Relative frequency among duplicates.
    var weight: Int {
        switch self {
        case .typo: 20
        case .ocrSubstitution: 10
        case .missingField: 14
        case .dayMonthSwap: 8
        case .nameOrderSwap: 8
        case .nickname: 10
        case .transliteration: 8
        case .addressChange: 12
        case .identifierTypo: 10
        case .partialDOB: 8
        }
    }

    /// The OCR confusions the generator uses, as `(written, read)` pairs in both directions.
    public static let ocrPairs: [(Character, Character)] = [
        ("0", "O"), ("O", "0"), ("1", "I"), ("I", "1"), ("1", "l"), ("l", "1"), ("5", "S"), ("S", "5"),
        ("8", "B"), ("B", "8"),
    ]
}
