/// A compact text form of ``MatchRecord``, for the one place where records are read in bulk:
/// candidate retrieval reads tens of subjects per lead, and decoding their JSON cost more than
/// scoring them.
///
/// Fields in a fixed order; every string is `<UTF-8 byte count>:<bytes>`, so any content
/// (colons, separators, non-ASCII) round-trips; numbers end with `;`; `-` marks an absent
/// value; lists start with their count. The leading `m1;` names the version.
///
///     m1;p 1;5:maria12:garcia lopez 1990;3;-; f 3:MEX 1;3:MEX 1;8:passport3:MEX9:G12345678- 0; -
///
/// (spaces added here for reading; there are none in the text).
extension MatchRecord {
    public var packed: String {
        var writer = PackedWriter()
        writer.raw("m1;")
        writer.raw(kind == .person ? "p" : "o")
        writer.count(names.count)
        for name in names {
            writer.string(name.given)
            writer.string(name.family)
        }
        if let date = dateOfBirth {
            writer.int(date.year)
            writer.optionalInt(date.month)
            writer.optionalInt(date.day)
        } else {
            writer.absent()
        }
        switch sex {
        case .female: writer.raw("f")
        case .male: writer.raw("m")
        case nil: writer.absent()
        }
        writer.optionalString(countryOfBirth)
        writer.count(citizenship.count)
        for country in citizenship { writer.string(country) }
        writer.count(identifiers.count)
        for id in identifiers {
            writer.string(id.type)
            writer.optionalString(id.issuer)
            writer.string(id.value)
        }
        writer.count(addresses.count)
        for address in addresses {
            writer.string(address.line)
            writer.optionalString(address.zip5)
        }
        writer.optionalString(schoolCode)
        return writer.text
    }

    /// - Throws: ``PackedRecordError`` with the byte offset where the text stops making sense.
    public init(packed: String) throws(PackedRecordError) {
        var reader = PackedReader(bytes: Array(packed.utf8))
        do {
            try reader.expect("m1;")
            let kind: Kind
            switch try reader.byte() {
            case UInt8(ascii: "p"): kind = .person
            case UInt8(ascii: "o"): kind = .organisation
            default: throw reader.errorAtPreviousByte("kind")
            }
            var names: [PersonName] = []
            for _ in 0..<(try reader.count()) {
                names.append(PersonName(given: try reader.string(), family: try reader.string()))
            }
            var dateOfBirth: PartialDate?
            if !reader.skipAbsent() {
                dateOfBirth = PartialDate(year: try reader.int(), month: try reader.optionalInt(), day: try reader.optionalInt())
            }
            let sex: Sex?
            switch try reader.byte() {
            case UInt8(ascii: "f"): sex = .female
            case UInt8(ascii: "m"): sex = .male
            case UInt8(ascii: "-"): sex = nil
            default: throw reader.errorAtPreviousByte("sex")
            }
            let countryOfBirth = try reader.optionalString()
            var citizenship: [String] = []
            for _ in 0..<(try reader.count()) { citizenship.append(try reader.string()) }
            var identifiers: [Identifier] = []
            for _ in 0..<(try reader.count()) {
                identifiers.append(
                    Identifier(type: try reader.string(), issuer: try reader.optionalString(), value: try reader.string()))
            }
            var addresses: [Address] = []
            for _ in 0..<(try reader.count()) {
                addresses.append(Address(line: try reader.string(), zip5: try reader.optionalString()))
            }
            let schoolCode = try reader.optionalString()
            guard reader.atEnd else { throw reader.error("end") }
            self.init(
                kind: kind, names: names, dateOfBirth: dateOfBirth, sex: sex, countryOfBirth: countryOfBirth,
                citizenship: citizenship, identifiers: identifiers, addresses: addresses, schoolCode: schoolCode)
        }
    }
}

/// Packed text that is not a ``MatchRecord``: where reading stopped, and what was expected.
public struct PackedRecordError: Error, Hashable, CustomStringConvertible {
    public let offset: Int
    public let expected: String

    public init(offset: Int, expected: String) {
        self.offset = offset
        self.expected = expected
    }
    public var description: String { "packed match record: expected \(expected) at byte \(offset)" }
}

private struct PackedWriter {
    var text = ""

    mutating func raw(_ s: String) { text += s }
    mutating func absent() { text += "-" }
    mutating func int(_ value: Int) { text += String(value) + ";" }
    mutating func count(_ value: Int) { int(value) }

    mutating func optionalInt(_ value: Int?) {
        if let value { int(value) } else { absent() }
    }

    mutating func string(_ value: String) {
        text += String(value.utf8.count) + ":" + value
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { absent() }
    }
}

private struct PackedReader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    func error(_ expected: String) -> PackedRecordError { PackedRecordError(offset: offset, expected: expected) }
    func errorAtPreviousByte(_ expected: String) -> PackedRecordError {
        PackedRecordError(offset: offset - 1, expected: expected)
    }

    mutating func byte() throws(PackedRecordError) -> UInt8 {
        guard offset < bytes.count else { throw error("more") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func expect(_ literal: StaticString) throws(PackedRecordError) {
        let start = offset
        for expected in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
            guard try byte() == expected else { throw PackedRecordError(offset: start, expected: "\(literal)") }
        }
    }

    /// `-` if present (consumed): the value is absent.
    mutating func skipAbsent() -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "-") else { return false }
        offset += 1
        return true
    }

    /// Digits up to `terminator`.
    private mutating func digits(until terminator: UInt8) throws(PackedRecordError) -> Int {
        var value = 0
        var seen = 0
        while true {
            let b = try byte()
            if b == terminator, seen > 0 { return value }
            guard b >= 0x30, b <= 0x39, seen < 12 else { throw PackedRecordError(offset: offset - 1, expected: "digit") }
            value = value * 10 + Int(b - 0x30)
            seen += 1
        }
    }

    mutating func int() throws(PackedRecordError) -> Int {
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
            throw error("number")
        }
        return try digits(until: UInt8(ascii: ";"))
    }

    mutating func count() throws(PackedRecordError) -> Int { try int() }

    mutating func optionalInt() throws(PackedRecordError) -> Int? {
        skipAbsent() ? nil : try int()
    }

    mutating func string() throws(PackedRecordError) -> String {
        let length = try digits(until: UInt8(ascii: ":"))
        guard length <= bytes.count - offset else { throw error("\(length) bytes") }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    mutating func optionalString() throws(PackedRecordError) -> String? {
        skipAbsent() ? nil : try string()
    }
}
