/// JSON written by hand, for the few documents a service writes so often that `JSONEncoder`
/// shows in its profile (a score per open lead, an explanation per matched lead, an audit row
/// per event). What it writes is what ``ContractCoding/encoder()`` writes for the same values,
/// byte for byte (`JSONTextTests`), so a document reads the same whichever way it was made.
public enum JSONText {
    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped
    /// (`\b \f \n \r \t`, others as `\u00XX`), `/` and non-ASCII characters as they are.
    public static func appendString(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\u{8}": out += "\\b"
                case "\u{C}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let digits = Array("0123456789abcdef")
                    out += "\\u00"
                    out.append(digits[Int(scalar.value >> 4)])
                    out.append(digits[Int(scalar.value & 0xF)])
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Appends a JSON array of strings.
    public static func appendStrings(_ strings: some Sequence<String>, to out: inout String) {
        out += "["
        for (index, text) in strings.enumerated() {
            if index > 0 { out += "," }
            appendString(text, to: &out)
        }
        out += "]"
    }

    /// Appends a number as `JSONEncoder` writes it: Swift's shortest representation that reads
    /// back the same, without a trailing `.0` (`8`, `13.7`, `1e-06`).
    /// - Throws: ``NonFiniteNumber`` for infinity or NaN, which JSON cannot say (as
    ///   `JSONEncoder` refuses them).
    public static func appendNumber(_ value: Double, to out: inout String) throws(NonFiniteNumber) {
        guard value.isFinite else { throw NonFiniteNumber() }
        let text = value.description
        out += text.hasSuffix(".0") ? text.dropLast(2) : Substring(text)
    }
}

/// A number JSON cannot hold (infinity or NaN).
public struct NonFiniteNumber: Error, CustomStringConvertible {
    public var description: String { "JSON has no infinity or NaN" }
}
