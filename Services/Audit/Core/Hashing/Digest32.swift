/// A 32-byte SHA-256 value: a record hash, a Merkle leaf, node or root, a chain head.
///
/// Held as four machine words (the digest's bytes in memory order, not numbers) so that the
/// verifier's hot path compares and copies digests without allocating. Encodes as lowercase
/// hex in `Codable` and `description`.
public struct Digest32: Sendable, Hashable {
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    /// 32 zero bytes: the previous hash of the first record, the chain head of an empty trail.
    public static let zero = Digest32(w0: 0, w1: 0, w2: 0, w3: 0)

    /// The number of bytes in a digest.
    public static let byteCount = 32

    @usableFromInline init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Loads 32 bytes from `buffer`, which must hold exactly 32 bytes.
    @inlinable init(loading buffer: UnsafeRawBufferPointer) {
        precondition(buffer.count == Self.byteCount, "a digest is 32 bytes")
        w0 = buffer.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = buffer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = buffer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = buffer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// The digest with these bytes, or nil unless there are exactly 32.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        let array = Array(bytes)
        self = array.withUnsafeBytes { Digest32(loading: $0) }
    }

    /// The digest spelled by 64 hex digits (either case), or nil.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 2 * Self.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        var index = 0
        while index < utf8.count {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes: bytes)
    }

    /// Calls `body` with the 32 bytes.
    @inlinable public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var words = (w0, w1, w2, w3)
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// 64 lowercase hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(2 * Self.byteCount)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Digest32: CustomStringConvertible {
    public var description: String { hex }
}

extension Digest32: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digest = Digest32(hex: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected 64 hex digits")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
