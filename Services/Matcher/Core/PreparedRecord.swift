import Synchronization

/// A ``MatchRecord`` with everything comparisons need computed once: name tokens as bytes,
/// their Double Metaphone codes and variant groups, canonical identifier values.
///
/// Why: a lead is compared with tens of candidates, and a subject with many leads, so the
/// per-record work (phonetic encoding, tokenising, canonicalising) is done once here and
/// each pairwise comparison only compares prepared values.
///
/// A value type over shared immutable storage: copying one costs a single reference count.
public struct PreparedRecord: Sendable {
    private let storage: Storage

    public init(_ record: MatchRecord) {
        storage = Storage(record)
    }

    public var record: MatchRecord { storage.record }
    var names: [PreparedName] { storage.names }
    /// Identifiers, with the school code appended as type ``IdentifierType/schoolCode``.
    var identifiers: [PreparedIdentifier] { storage.identifiers }
    var addresses: [PreparedAddress] { storage.addresses }

    private final class Storage: Sendable {
        let record: MatchRecord
        let names: [PreparedName]
        let identifiers: [PreparedIdentifier]
        let addresses: [PreparedAddress]

        init(_ record: MatchRecord) {
            self.record = record
            names = record.names.map(PreparedName.init).filter { !$0.isEmpty }
            var ids = record.identifiers.map(PreparedIdentifier.init)
            if let code = record.schoolCode {
                ids.append(PreparedIdentifier(Identifier(type: IdentifierType.schoolCode, value: code)))
            }
            identifiers = ids.filter { !$0.isPlaceholder }
            addresses = record.addresses.compactMap(PreparedAddress.init)
        }
    }
}

extension IdentifierType {
    /// The school code of an organisation, compared like an identifier.
    public static let schoolCode = "school"
}

/// One name token ("garcia") or a whole name part joined ("garcialopez"), ready to compare.
/// Immutable and shared (a class), because comparisons pass tokens around a lot.
final class PreparedToken: Sendable {
    /// Lower-case text, digits repaired to letters (see ``OCRFold/repairNameByte(_:)``).
    let text: String
    /// `text` as bytes, without spaces.
    let bytes: [UInt8]
    /// Four-character Double Metaphone codes (the reference length), for blocking keys.
    let codes: DoubleMetaphone.Codes
    /// Full-length codes, for the phonetic comparison level: four characters make long names
    /// collide ("abdelaziz" and "abdelrahman" are both APTL).
    let fullCodes: DoubleMetaphone.Codes
    let groups: [NameVariants.GroupID]
    /// `bytes` upper-cased and OCR-folded, so that letters misread as digits compare equal.
    let ocrFolded: [UInt8]

    /// - Parameter text: repaired text; spaces are kept for the phonetic code ("van der")
    ///   and dropped from the bytes compared.
    init(text: String) {
        self.text = text
        bytes = text.utf8.filter { $0 != 0x20 }
        fullCodes = DoubleMetaphone.encode(text, maxLength: nil)
        // The reference cut is a prefix of the full code.
        codes = DoubleMetaphone.Codes(
            primary: String(fullCodes.primary.prefix(4)), alternate: String(fullCodes.alternate.prefix(4)))
        groups = NameVariants.groups(of: text)
        ocrFolded = bytes.map { OCRFold.fold($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) }
    }

    var isInitial: Bool { bytes.count == 1 }
}

/// The tokens of a name part, and the part as a whole.
struct PreparedNamePart: Sendable {
    let tokens: [PreparedToken]
    let joined: PreparedToken

    init(_ raw: String) {
        // Repair OCR digits and split on anything that is not a letter (spaces, hyphens,
        // apostrophes): "garcia-lopez" and "garcia lopez" are the same name.
        var repaired = [UInt8]()
        repaired.reserveCapacity(raw.utf8.count)
        for c in raw.utf8 {
            let r = OCRFold.repairNameByte(c)
            let lower = r >= 0x41 && r <= 0x5A ? r + 0x20 : r
            repaired.append(lower >= 0x61 && lower <= 0x7A ? lower : 0x20)
        }
        let words = repaired.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
        tokens = words.map(PreparedToken.init)
        joined = words.count == 1 ? tokens[0] : PreparedToken(text: words.joined(separator: " "))
    }

    /// The prepared part for `raw`, shared by every record that carries the same text.
    ///
    /// Why: names repeat (each lead is compared with ~50 candidates, and a population has far
    /// fewer distinct names than records), and preparing one (Double Metaphone twice per
    /// token, variant groups) cost as much as scoring. Bounded: a full cache is emptied.
    static func cached(_ raw: String) -> PreparedNamePart {
        if let hit = cache.withLock({ $0[raw] }) { return hit }
        let part = PreparedNamePart(raw)
        cache.withLock { table in
            if table.count >= cacheCapacity { table.removeAll(keepingCapacity: true) }
            table[raw] = part
        }
        return part
    }

    static let cacheCapacity = 100_000
    private static let cache = Mutex<[String: PreparedNamePart]>([:])

    var isEmpty: Bool { tokens.isEmpty }
    /// The whole part as one value ("garcia lopez"), as term frequencies are counted.
    var value: String { joined.text }
}

/// A person's name, prepared.
struct PreparedName: Sendable {
    let given: PreparedNamePart
    let family: PreparedNamePart

    init(_ name: PersonName) {
        given = PreparedNamePart.cached(name.given)
        family = PreparedNamePart.cached(name.family)
    }

    var isEmpty: Bool { given.isEmpty && family.isEmpty }
}

/// An identifier with its value canonicalised (upper-case letters and digits only).
struct PreparedIdentifier: Sendable {
    let type: String
    let issuer: String?
    let value: [UInt8]
    /// `value` with OCR-confusable letters folded to digits.
    let folded: [UInt8]
    let isPlaceholder: Bool

    init(_ identifier: Identifier) {
        type = identifier.type
        issuer = identifier.issuer.flatMap { $0.isEmpty ? nil : $0.uppercased() }
        value = Identifier.canonicalBytes(identifier.value)
        folded = OCRFold.fold(value)
        isPlaceholder = Identifier.isPlaceholder(value)
    }

    var valueString: String { String(decoding: value, as: UTF8.self) }
}

extension Identifier {
    /// The value as compared and counted: upper-case ASCII letters and digits only.
    public var canonicalValue: String { String(decoding: Self.canonicalBytes(value), as: UTF8.self) }

    static func canonicalBytes(_ raw: String) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(raw.utf8.count)
        for c in raw.utf8 {
            if c >= 0x61 && c <= 0x7A {
                out.append(c - 0x20)
            } else if (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) {
                out.append(c)
            }
        }
        return out
    }

    /// Values that stand for "unknown" rather than identify anyone: too short, one repeated
    /// character ("000000000"), a counting run ("123456789"), or a word such as "UNKNOWN".
    /// They are dropped before blocking and scoring, so they can neither link nor conflict.
    static func isPlaceholder(_ value: [UInt8]) -> Bool {
        if value.count < 4 { return true }
        if value.allSatisfy({ $0 == value[0] }) { return true }
        if value.count >= 6 {
            var ascending = true
            for i in 1..<value.count where value[i] != value[i - 1] &+ 1 {
                ascending = false
                break
            }
            if ascending { return true }
        }
        return placeholderWords.contains(value)
    }

    private static let placeholderWords: Set<[UInt8]> = Set(
        ["NONE", "NULL", "UNKNOWN", "NOTAVAILABLE", "NOTAPPLICABLE", "PENDING", "APPLIEDFOR", "NOTPROVIDED"]
            .map { Array($0.utf8) })
}

/// An address line as bytes and its postcode.
struct PreparedAddress: Sendable {
    let address: Address
    let line: [UInt8]
    let zip5: String?

    init?(_ address: Address) {
        let line = Array(address.line.utf8)
        let zip = address.zip5.flatMap { $0.isEmpty ? nil : $0 }
        if line.isEmpty && zip == nil { return nil }
        self.address = address
        self.line = line
        zip5 = zip
    }
}
