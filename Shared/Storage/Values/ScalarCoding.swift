#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// Text-format encoding and decoding of the scalar types. Decoders work on the cell bytes
// directly to avoid an intermediate String where the type does not need one.

extension String: PGEncodable, PGDecodable {
    public var pgValue: PGValue { .text(self) }

    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        self = String(decoding: text, as: UTF8.self)
    }
}

extension Substring: PGEncodable {
    public var pgValue: PGValue { .text(String(self)) }
}

extension Int: PGEncodable, PGDecodable {
    public var pgValue: PGValue { .text(String(self)) }
    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) { self = try parseInteger(text) }
}

extension Int64: PGEncodable, PGDecodable {
    public var pgValue: PGValue { .text(String(self)) }
    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) { self = try parseInteger(text) }
}

extension Int32: PGEncodable, PGDecodable {
    public var pgValue: PGValue { .text(String(self)) }
    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) { self = try parseInteger(text) }
}

extension Int16: PGEncodable, PGDecodable {
    public var pgValue: PGValue { .text(String(self)) }
    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) { self = try parseInteger(text) }
}

/// Parses an optionally signed decimal integer, checking for overflow.
@usableFromInline
func parseInteger<T: FixedWidthInteger & SignedInteger>(_ text: ArraySlice<UInt8>) throws(DatabaseError) -> T {
    var index = text.startIndex
    var negative = false
    if index < text.endIndex, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
        negative = text[index] == UInt8(ascii: "-")
        index += 1
    }
    guard index < text.endIndex else { throw decodingError(T.self, "empty integer text") }
    var value: T = 0
    while index < text.endIndex {
        let digit = text[index] &- UInt8(ascii: "0")
        guard digit < 10 else { throw decodingError(T.self, "not an integer") }
        let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
        // Accumulate negatively so that T.min parses.
        let (next, overflow2) =
            negative
            ? multiplied.subtractingReportingOverflow(T(digit)) : multiplied.addingReportingOverflow(T(digit))
        guard !overflow1, !overflow2 else { throw decodingError(T.self, "integer out of range") }
        value = next
        index += 1
    }
    return value
}

extension Double: PGEncodable, PGDecodable {
    /// Shortest text that reads back to the same Double; infinities and NaN in PostgreSQL's
    /// spelling.
    public var pgValue: PGValue {
        if isNaN { return .text("NaN") }
        if isInfinite { return .text(self < 0 ? "-Infinity" : "Infinity") }
        return .text(description)
    }

    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        let string = String(decoding: text, as: UTF8.self)
        switch string {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(string) else { throw decodingError(Double.self, "not a number") }
            self = value
        }
    }
}

extension Float: PGEncodable, PGDecodable {
    public var pgValue: PGValue { Double(self).pgValue }

    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        self = Float(try Double(pgText: text))
    }
}

extension Bool: PGEncodable, PGDecodable {
    public var pgValue: PGValue { .text(self ? "t" : "f") }

    /// Accepts PostgreSQL's output `t`/`f` (and `true`/`false`).
    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        if text.count == 1 {
            switch text[text.startIndex] {
            case UInt8(ascii: "t"):
                self = true
                return
            case UInt8(ascii: "f"):
                self = false
                return
            default: break
            }
        }
        if text.elementsEqual("true".utf8) {
            self = true
            return
        }
        if text.elementsEqual("false".utf8) {
            self = false
            return
        }
        throw decodingError(Bool.self, "not a boolean")
    }
}

extension UUID: PGEncodable, PGDecodable {
    public var pgValue: PGValue { .text(uuidString) }

    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        guard text.count == 36, let uuid = UUID(uuidString: String(decoding: text, as: UTF8.self)) else {
            throw decodingError(UUID.self, "not a UUID")
        }
        self = uuid
    }
}
