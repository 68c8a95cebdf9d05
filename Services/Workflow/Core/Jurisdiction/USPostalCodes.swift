import Foundation

/// The USPS codes and ZIP shapes the jurisdiction table accepts. The same list as
/// `USPostal.stateCodes` in LeadTracDomain, repeated here so this library stays free of it.
enum USPostalCodes {
    /// States, DC, territories, freely associated states and military post codes.
    static let states: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
        "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP",
    ]

    /// Whether the text is exactly `count` ASCII digits.
    static func isDigits(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (48...57).contains($0) }
    }

    /// The five-digit ZIP of an address's ZIP as written: `12345`, `12345-6789`, `12345 6789`
    /// or `123456789`; `nil` for anything else. No padding: a four-digit
    /// "ZIP" may be one that lost its leading zero in a spreadsheet, or may be truncated,
    /// and guessing could route a referral to the wrong office.
    static func zip5(of text: String) -> String? {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func digits(_ range: Range<Int>) -> Bool { bytes[range].allSatisfy { (48...57).contains($0) } }
        let valid =
            switch bytes.count {
            case 5: digits(0..<5)
            case 9: digits(0..<9)
            case 10: digits(0..<5) && (bytes[5] == UInt8(ascii: "-") || bytes[5] == UInt8(ascii: " ")) && digits(6..<10)
            default: false
            }
        guard valid else { return nil }
        return String(decoding: bytes[0..<5], as: UTF8.self)
    }

    /// The state code as written, trimmed and upper-cased, when it is a known code.
    static func state(of text: String) -> String? {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        return states.contains(code) ? code : nil
    }
}
