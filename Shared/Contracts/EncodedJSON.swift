/// JSON documents assembled from, and cut into, members that are already encoded.
///
/// Why: the matcher puts the same values in several documents (a match explanation is stored
/// with the link and announced in `lead.matched.v1`; the lead it received goes out again in
/// that event), and `JSONEncoder` was a tenth of its CPU. Encoding each value once and
/// splicing the bytes gives the documents ``ContractCoding/encoder()`` would write, byte for
/// byte (the tests compare them).
public enum EncodedJSON {
    /// An object of `members` (key, encoded value) in ``ContractCoding``'s key order; a nil value
    /// is left out, as the synthesised `Encodable` conformances leave out a nil optional.
    public static func object(_ members: [(key: String, json: [UInt8]?)]) -> [UInt8] {
        let present = members.compactMap { member in member.json.map { (key: member.key, json: $0) } }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(present.reduce(2) { $0 + $1.key.utf8.count + $1.json.count + 4 })
        for (index, member) in present.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes += member.key.utf8  // keys are property names: nothing to escape
            bytes += [UInt8(ascii: "\""), UInt8(ascii: ":")]
            bytes += member.json
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// `value` as ``ContractCoding/encoder()`` writes it (a member to splice).
    public static func value(_ value: some Encodable) throws -> [UInt8] {
        Array(try ContractCoding.encoder().encode(value))
    }

    /// The encoded value of the top-level member `key` of the JSON object `document`, as it
    /// appears there; nil when there is no such member (or it is spelt with escapes) or the text
    /// is not a well-formed object. Meant for documents that have just decoded successfully.
    public static func member(_ key: String, of document: [UInt8]) -> ArraySlice<UInt8>? {
        var scanner = Scanner(bytes: document)
        guard scanner.skipWhitespace(), scanner.take(UInt8(ascii: "{")) else { return nil }
        while scanner.skipWhitespace(), let name = scanner.string() {
            guard scanner.skipWhitespace(), scanner.take(UInt8(ascii: ":")), scanner.skipWhitespace() else { return nil }
            let start = scanner.at
            guard scanner.skipValue() else { return nil }
            if document[name].elementsEqual(key.utf8) { return document[start..<scanner.at] }
            guard scanner.skipWhitespace(), scanner.take(UInt8(ascii: ",")) else { return nil }
        }
        return nil
    }

    /// Just enough of a JSON reader to step over values.
    private struct Scanner {
        let bytes: [UInt8]
        var at = 0

        /// Always true, so it can sit in a condition list.
        mutating func skipWhitespace() -> Bool {
            while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
            return true
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        /// A string token: the range of its raw contents, between the quotes.
        mutating func string() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            while at < bytes.count {
                switch bytes[at] {
                case UInt8(ascii: "\\"): at += 2
                case UInt8(ascii: "\""):
                    at += 1
                    return start..<(at - 1)
                default: at += 1
                }
            }
            return nil
        }

        mutating func skipValue() -> Bool {
            guard at < bytes.count else { return false }
            switch bytes[at] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while at < bytes.count {
                    switch bytes[at] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            at += 1
                            return true
                        }
                    default: break
                    }
                    at += 1
                }
                return false
            default:  // number, true, false, null
                let start = at
                while at < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09]
                    .contains(bytes[at])
                {
                    at += 1
                }
                return at > start
            }
        }
    }
}

extension LeadMatched {
    /// The `lead.matched.v1` body from its explanation, subject summary and lead already encoded
    /// (with ``ContractCoding/encoder()``): the bytes `ContractCoding.encoder().encode(_:)` gives
    /// for the same values.
    public static func body(
        leadID: String, revision: Int, subjectID: String, decision: Decision, score: Double?, reviewID: String?,
        explanation: [UInt8], subject: [UInt8], lead: [UInt8]
    ) throws -> [UInt8] {
        EncodedJSON.object([
            ("leadID", try EncodedJSON.value(leadID)), ("revision", try EncodedJSON.value(revision)),
            ("subjectID", try EncodedJSON.value(subjectID)), ("decision", try EncodedJSON.value(decision)),
            ("score", try score.map { try EncodedJSON.value($0) }), ("explanation", explanation), ("subject", subject),
            ("reviewID", try reviewID.map { try EncodedJSON.value($0) }), ("lead", lead),
        ])
    }
}
