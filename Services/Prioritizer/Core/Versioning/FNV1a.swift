/// 64-bit FNV-1a: a small, stable, dependency-free hash for identifying rule set content.
///
/// Not cryptographic: it tells rule set versions apart and detects edits, it does not resist
/// someone crafting a collision. Rule files are reviewed and deployed by the team, so that is
/// the threat that matters; swap in SHA-256 where swift-crypto is available if it ever is not.
enum FNV1a64 {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func hash(_ text: String) -> UInt64 {
        var hash = offsetBasis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    /// 16 lower-case hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
