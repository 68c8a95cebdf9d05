import Foundation

/// The order of name parts in a single-string name without a comma. A source's convention;
/// `FAMILY, Given Middle` (with a comma) is recognised whatever the hint.
public enum NameOrder: String, Sendable, Codable, Hashable, CaseIterable {
    /// Given names first, family name last ("Alex Q Testperson").
    case givenFirst
    /// Family name first ("Testperson Alex"), as in Chinese, Korean, Hungarian usage.
    case familyFirst

    /// Reads a hint as sent by a source: `givenFirst`/`familyFirst`, also `western`/`eastern`.
    public init?(hint: String) {
        switch Text.labelKey(hint) {
        case "givenfirst", "firstlast", "western": self = .givenFirst
        case "familyfirst", "lastfirst", "surnamefirst", "eastern": self = .familyFirst
        default: return nil
        }
    }
}

/// A person's name as received, split into parts, with folded comparison keys.
///
/// Display parts (`given`, `middle`, `family`, `suffix`) are NFC with whitespace collapsed and
/// keep case and diacritics. The keys are what matching compares: lower-case, diacritics removed,
/// non-Latin scripts transliterated to Latin, apostrophes and full stops deleted, other punctuation
/// turned into spaces (see the folding rules on ``foldedKey(_:)``). ``fullKey`` is always in
/// given-middle-family order, whatever order the source used, and leaves the suffix out.
public struct PersonName: Sendable, Codable, Hashable {
    /// The name exactly as received, in Unicode NFC; for a name sent in parts, the parts joined
    /// given-middle-family.
    public var original: String
    public var given: String?
    public var middle: String?
    public var family: String?
    /// A generational suffix (Jr, Sr, II, III, IV), kept out of the keys.
    public var suffix: String?
    /// The folded full name, given-middle-family.
    public var fullKey: String
    public var givenKey: String?
    public var middleKey: String?
    public var familyKey: String?
    /// Whether the keys are a transliteration of a non-Latin script (Cyrillic, Arabic, Han, ...),
    /// so that matching may weigh them less than keys of names written in Latin at the source.
    public var transliterated: Bool

    public init(
        original: String, given: String?, middle: String?, family: String?, suffix: String? = nil
    ) {
        self.original = original
        self.given = given
        self.middle = middle
        self.family = family
        self.suffix = suffix
        let parts = [given, middle, family].map { $0.map(Text.foldKey) }
        givenKey = parts[0].map(\.key).flatMap { $0.isEmpty ? nil : $0 }
        middleKey = parts[1].map(\.key).flatMap { $0.isEmpty ? nil : $0 }
        familyKey = parts[2].map(\.key).flatMap { $0.isEmpty ? nil : $0 }
        fullKey = [givenKey, middleKey, familyKey].compactMap { $0 }.joined(separator: " ")
        transliterated = parts.contains { $0?.transliterated == true }
    }

    /// The comparison key of any text, folded exactly as name keys are: compatibility
    /// decomposition, lower case, diacritics removed (ß → ss, ø → o, ł → l, æ → ae), non-Latin
    /// scripts transliterated with ICU `Any-Latin; Latin-ASCII` (available in Foundation on
    /// Linux), apostrophes and full stops deleted (O'Neil → oneil), other punctuation turned into
    /// spaces (Garcia-Lopez → garcia lopez), whitespace collapsed.
    public static func foldedKey(_ text: String) -> String { Text.foldKey(text).key }

    /// Parses a one-string name (`Alex Q Testperson`, `TESTPERSON, Alex Q`, `Testperson Alex`
    /// with `.familyFirst`) the way the normaliser does.
    /// - Returns: the name, or a rejection with `name.missing`, `name.invalid-characters` or
    ///   `field.too-long`.
    public static func parse(_ text: String, order: NameOrder = .givenFirst) -> Result<PersonName, FieldRejection> {
        if text.utf8.count > FieldLimits.name { return .failure(FieldRejection(.fieldTooLong)) }
        guard let cleaned = Text.clean(text) else { return .failure(FieldRejection(.nameMissing)) }
        guard NameParser.isNameText(cleaned, allowComma: true) else {
            return .failure(FieldRejection(.nameInvalidCharacters))
        }
        guard let name = NameParser.split(original: original(text), full: cleaned, order: order) else {
            return .failure(FieldRejection(.nameMissing))
        }
        return .success(name)
    }

    static func original(_ raw: String) -> String {
        Text.isASCII(raw) ? raw : raw.precomposedStringWithCanonicalMapping
    }
}

/// Name splitting and character rules.
enum NameParser {
    /// Tokens that sources use for "no such part" (first name unknown, no middle name, ...).
    private static let placeholders: Set<String> = ["fnu", "lnu", "nfn", "nln", "nmn", "unk", "unknown"]
    private static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]
    /// Lower-case particles that belong to the family name that follows them.
    private static let particles: Set<String> = [
        "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van",
        "von", "ter", "ten", "bin", "binti", "bint", "ibn", "al", "el", "y",
    ]

    /// Whether `s` holds only what a person's name may: letters of any script, combining marks,
    /// spaces, hyphens, apostrophes, full stops, middle dots, zero-width (non-)joiners, and a
    /// comma where the comma form is allowed. Digits and symbols are rejected.
    static func isNameText(_ s: String, allowComma: Bool) -> Bool {
        if Text.isASCII(s) {
            return s.utf8.allSatisfy { b in
                switch b {
                case 0x41...0x5A, 0x61...0x7A, 0x20, 0x27, 0x2D, 0x2E: true
                case 0x2C: allowComma
                default: false
                }
            }
        }
        return s.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x20, 0x27, 0x2D, 0x2E, 0x2010, 0x2011, 0x2018, 0x2019, 0x02BC, 0x02BB, 0x00B7, 0x30FB,
                0x200C, 0x200D:
                return true
            case 0x2C:
                return allowComma
            default:
                let properties = scalar.properties
                if properties.isAlphabetic { return true }
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: return true
                default: return false
                }
            }
        }
    }

    /// Placeholders, suffixes and particles are short: longer tokens are not folded to check.
    private static func shortKey(_ token: Substring) -> String? {
        token.utf8.count <= 8 ? Text.foldKey(String(token)).key : nil
    }

    private static func isPlaceholder(_ token: Substring) -> Bool {
        shortKey(token).map(placeholders.contains) ?? false
    }

    private static func isSuffix(_ token: Substring) -> Bool {
        shortKey(token).map(suffixes.contains) ?? false
    }

    /// The words of `s` split at spaces and commas (on UTF-8 bytes, which is far cheaper than
    /// splitting `Character`s), placeholders dropped.
    private static func tokens(_ s: Substring) -> [Substring] {
        var result: [Substring] = []
        let utf8 = s.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x2C {
                if start != index { result.append(Substring(utf8[start..<index])) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { result.append(Substring(utf8[start...])) }
        return result.filter { !isPlaceholder($0) }
    }

    private static func join(_ tokens: ArraySlice<Substring>) -> String? {
        tokens.isEmpty ? nil : tokens.joined(separator: " ")
    }

    /// A name from parts sent separately; a part that is only a placeholder (FNU) is absent.
    static func fromParts(original: String?, given: String?, middle: String?, family: String?) -> PersonName? {
        func part(_ s: String?) -> String? {
            guard let s else { return nil }
            return join(tokens(Substring(s))[...])
        }
        let (g, m, f) = (part(given), part(middle), part(family))
        let display = original ?? [g, m, f].compactMap { $0 }.joined(separator: " ")
        let name = PersonName(original: display, given: g, middle: m, family: f)
        return name.fullKey.isEmpty ? nil : name
    }

    /// A name from one cleaned string: comma form first, else by `order`; placeholders dropped,
    /// a trailing generational suffix split off, family-name particles (de la, van, bin) kept
    /// with the family name.
    static func split(original: String, full: String, order: NameOrder) -> PersonName? {
        var given: String?
        var middle: String?
        var family: String?
        var suffix: String?
        if let comma = full.firstIndex(of: ",") {
            var familyTokens = tokens(full[..<comma])
            var rest = tokens(full[full.index(after: comma)...])
            if rest.count > 1, let last = rest.last, isSuffix(last) {
                suffix = String(last)
                rest.removeLast()
            } else if familyTokens.count > 1, let last = familyTokens.last, isSuffix(last) {
                suffix = String(last)
                familyTokens.removeLast()
            }
            family = join(familyTokens[...])
            given = rest.first.map(String.init)
            middle = join(rest.dropFirst())
        } else {
            var parts = tokens(full[...])
            if parts.count > 1, let last = parts.last, isSuffix(last) {
                suffix = String(last)
                parts.removeLast()
            }
            switch (order, parts.count) {
            case (_, 0):
                return nil
            case (_, 1):
                family = String(parts[0])  // a mononym is recorded as the family name
            case (.givenFirst, _):
                var familyStart = parts.count - 1
                while familyStart > 1, shortKey(parts[familyStart - 1]).map(particles.contains) ?? false {
                    familyStart -= 1
                }
                given = String(parts[0])
                middle = join(parts[1..<familyStart])
                family = join(parts[familyStart...])
            case (.familyFirst, _):
                family = String(parts[0])
                given = String(parts[1])
                middle = join(parts.dropFirst(2))
            }
        }
        let name = PersonName(original: original, given: given, middle: middle, family: family, suffix: suffix)
        return name.fullKey.isEmpty ? nil : name
    }
}
