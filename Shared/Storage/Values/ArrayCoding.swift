#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A type whose Swift arrays are sent and read as PostgreSQL values.
///
/// For most element types an array is a one-dimensional PostgreSQL array (`text[]`,
/// `int8[]`, `uuid[]`, ...): every element is written double-quoted with `"` and `\` escaped,
/// so commas, braces, whitespace, quotes, backslashes, empty strings and the word `NULL`
/// survive exactly; `nil` elements of `[T?]` become unquoted `NULL`.
///
/// `[UInt8]` is the exception: it is `bytea` (hex text `\x…`), which is why the array-level
/// hooks exist (Swift allows only one conformance of `Array` to a protocol).
public protocol PGArrayElement {
    /// Encodes a whole array of this element type. Default: a PostgreSQL array literal.
    static func pgEncodeArray(_ elements: [Self]) -> PGValue
    /// Decodes a whole array of this element type. Default: parses a PostgreSQL array.
    static func pgDecodeArray(_ text: ArraySlice<UInt8>) throws(DatabaseError) -> [Self]
    /// The element's text inside an array literal, before quoting; `nil` is NULL.
    var pgArrayElementText: String? { get }
    /// Creates an element from its unquoted text; `nil` is a NULL element.
    static func pgDecodeArrayElement(_ text: String?) throws(DatabaseError) -> Self
}

extension PGArrayElement {
    public static func pgEncodeArray(_ elements: [Self]) -> PGValue {
        .text(PGArrayLiteral.encode(elements.lazy.map(\.pgArrayElementText)))
    }

    public static func pgDecodeArray(_ text: ArraySlice<UInt8>) throws(DatabaseError) -> [Self] {
        var result: [Self] = []
        try PGArrayLiteral.parse(text) { (element: String?) throws(DatabaseError) in
            result.append(try pgDecodeArrayElement(element))
        }
        return result
    }
}

extension PGArrayElement where Self: PGEncodable {
    public var pgArrayElementText: String? {
        switch pgValue {
        case .null: nil
        case .text(let text): text
        case .bytes(let bytes): PGBytea.hexText(bytes)
        }
    }
}

extension PGArrayElement where Self: PGDecodable {
    public static func pgDecodeArrayElement(_ text: String?) throws(DatabaseError) -> Self {
        guard let text else { return try pgDecodeNull() }
        return try Self(pgText: ArraySlice(text.utf8))
    }
}

extension String: PGArrayElement {
    public static func pgDecodeArrayElement(_ text: String?) throws(DatabaseError) -> String {
        guard let text else { return try pgDecodeNull() }
        return text
    }
}
extension Int: PGArrayElement {}
extension Int64: PGArrayElement {}
extension Int32: PGArrayElement {}
extension Int16: PGArrayElement {}
extension Double: PGArrayElement {}
extension Float: PGArrayElement {}
extension Bool: PGArrayElement {}
extension UUID: PGArrayElement {}
extension Date: PGArrayElement {}

extension Optional: PGArrayElement where Wrapped: PGArrayElement {
    public var pgArrayElementText: String? { self?.pgArrayElementText }

    public static func pgDecodeArrayElement(_ text: String?) throws(DatabaseError) -> Wrapped? {
        guard let text else { return nil }
        return try Wrapped.pgDecodeArrayElement(text)
    }
}

extension Array: PGEncodable where Element: PGArrayElement {
    public var pgValue: PGValue { Element.pgEncodeArray(self) }
}

extension Array: PGDecodable where Element: PGArrayElement {
    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        self = try Element.pgDecodeArray(text)
    }
}

/// PostgreSQL array literal text (one dimension).
enum PGArrayLiteral {
    /// `{"a","b\"c",NULL}`: every non-NULL element quoted, `"` and `\` backslash-escaped.
    static func encode(_ elements: some Sequence<String?>) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            guard let element else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses PostgreSQL's array output, calling `element` for each element in order
    /// (`nil` for NULL). Accepts an optional `[lo:hi]=` bounds prefix; rejects nested arrays.
    static func parse(
        _ text: ArraySlice<UInt8>, element: (String?) throws(DatabaseError) -> Void
    ) throws(DatabaseError) {
        var index = text.startIndex
        let end = text.endIndex
        if index < end, text[index] == UInt8(ascii: "[") {
            guard let equals = text[index...].firstIndex(of: UInt8(ascii: "=")) else { throw invalid() }
            index = equals + 1
        }
        guard index < end, text[index] == UInt8(ascii: "{") else { throw invalid() }
        index += 1
        skipSpaces(text, &index)
        if index < end, text[index] == UInt8(ascii: "}") {
            index += 1
            guard index == end else { throw invalid() }
            return
        }
        var buffer: [UInt8] = []
        while true {
            skipSpaces(text, &index)
            guard index < end else { throw invalid() }
            buffer.removeAll(keepingCapacity: true)
            switch text[index] {
            case UInt8(ascii: "{"):
                throw decodingError([String].self, "multi-dimensional arrays are not supported")
            case UInt8(ascii: "\""):
                index += 1
                var closed = false
                while index < end {
                    let byte = text[index]
                    index += 1
                    if byte == UInt8(ascii: "\\") {
                        guard index < end else { throw invalid() }
                        buffer.append(text[index])
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        closed = true
                        break
                    } else {
                        buffer.append(byte)
                    }
                }
                guard closed else { throw invalid() }
                try element(String(decoding: buffer, as: UTF8.self))
                skipSpaces(text, &index)
            default:
                var escaped = false
                var lastSignificant = 0
                while index < end, text[index] != UInt8(ascii: ","), text[index] != UInt8(ascii: "}") {
                    var byte = text[index]
                    index += 1
                    if byte == UInt8(ascii: "\\") {
                        guard index < end else { throw invalid() }
                        byte = text[index]
                        index += 1
                        escaped = true
                        buffer.append(byte)
                        lastSignificant = buffer.count
                    } else {
                        buffer.append(byte)
                        if !isSpace(byte) { lastSignificant = buffer.count }
                    }
                }
                buffer.removeSubrange(lastSignificant...)
                if !escaped, buffer.count == 4, isNullWord(buffer) {
                    try element(nil)
                } else {
                    try element(String(decoding: buffer, as: UTF8.self))
                }
            }
            guard index < end else { throw invalid() }
            let separator = text[index]
            index += 1
            if separator == UInt8(ascii: "}") {
                guard index == end else { throw invalid() }
                return
            }
            guard separator == UInt8(ascii: ",") else { throw invalid() }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r") || byte == 0x0B || byte == 0x0C
    }

    private static func skipSpaces(_ text: ArraySlice<UInt8>, _ index: inout Int) {
        while index < text.endIndex, isSpace(text[index]) { index += 1 }
    }

    private static func isNullWord(_ bytes: [UInt8]) -> Bool {
        zip(bytes, "NULL".utf8).allSatisfy { $0 & 0xDF == $1 }
    }

    private static func invalid() -> DatabaseError {
        decodingError([String].self, "malformed array text")
    }
}
