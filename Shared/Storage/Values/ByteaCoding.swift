/// `[UInt8]` is `bytea`: sent and read as hex text (`\x00ff…`), the server's default output
/// and the format the connection requests (`bytea_output=hex`).
///
/// `UInt8` conforms to ``PGArrayElement`` only to route `[UInt8]` to bytea; as a lone element
/// (inside `[UInt8?]`, for instance) it is a small integer.
extension UInt8: PGArrayElement {
    public static func pgEncodeArray(_ elements: [UInt8]) -> PGValue { .bytes(elements) }

    public static func pgDecodeArray(_ text: ArraySlice<UInt8>) throws(DatabaseError) -> [UInt8] {
        try PGBytea.decodeHex(text)
    }

    public var pgArrayElementText: String? { String(self) }

    public static func pgDecodeArrayElement(_ text: String?) throws(DatabaseError) -> UInt8 {
        guard let text else { throw decodingError(UInt8.self, "NULL element") }
        guard let value = UInt8(text) else { throw decodingError(UInt8.self, "not a byte") }
        return value
    }
}

enum PGBytea {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `\x` and two lowercase hex digits per byte.
    static func appendHex(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.reserveCapacity(output.count + 2 + bytes.count * 2)
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "x"))
        for byte in bytes {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    static func hexText(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        appendHex(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `\x…` hex output.
    static func decodeHex(_ text: ArraySlice<UInt8>) throws(DatabaseError) -> [UInt8] {
        guard text.count >= 2, text.count % 2 == 0, text[text.startIndex] == UInt8(ascii: "\\"),
            text[text.startIndex + 1] == UInt8(ascii: "x")
        else { throw decodingError([UInt8].self, "bytea is not in hex format") }
        var output: [UInt8] = []
        output.reserveCapacity((text.count - 2) / 2)
        var index = text.startIndex + 2
        while index < text.endIndex {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else {
                throw decodingError([UInt8].self, "invalid hex digit in bytea")
            }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
