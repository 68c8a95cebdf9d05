/// A subject id as two integers: 16 bytes instead of a 36-character string, ordered like the
/// lower-case text (and like PostgreSQL's `uuid` ordering).
struct SubjectKey: Hashable, Comparable, Sendable {
    let high: UInt64
    let low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// From `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (either case); zero for anything else, which
    /// PostgreSQL's `uuid` output never is.
    init(_ text: String) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "-") {
            let value: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = UInt64(byte - UInt8(ascii: "A") + 10)
            default: value = 0
            }
            if digits < 16 { high = high << 4 | value } else { low = low << 4 | value }
            digits += 1
        }
        self.init(high: high, low: low)
    }

    /// Lower-case `8-4-4-4-12` text.
    var uuidString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            for (word, offset) in [(high, 0), (low, 16)] {
                for nibble in 0..<16 {
                    let position = offset + nibble
                    if position == 8 || position == 12 || position == 16 || position == 20 {
                        buffer[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    buffer[at] = digits[Int((word >> UInt64(60 - 4 * nibble)) & 0xF)]
                    at += 1
                }
            }
            return at
        }
    }

    static func < (a: SubjectKey, b: SubjectKey) -> Bool { a.high != b.high ? a.high < b.high : a.low < b.low }
}
