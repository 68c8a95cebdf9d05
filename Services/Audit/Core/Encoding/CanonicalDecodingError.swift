/// Why bytes are not a canonical event encoding, and where (a byte offset; never the content).
public struct CanonicalDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Value: Sendable, Hashable {
            case unsupportedVersion, truncated, trailingBytes, invalidUTF8, invalidTag, unsortedKeys
            case nonCanonicalNumber, tooDeep
        }

        let value: Value

        /// The first byte is not a version this library reads.
        public static let unsupportedVersion = Code(value: .unsupportedVersion)
        /// The bytes end inside a field.
        public static let truncated = Code(value: .truncated)
        /// Bytes follow the last field.
        public static let trailingBytes = Code(value: .trailingBytes)
        public static let invalidUTF8 = Code(value: .invalidUTF8)
        /// A flag, outcome or value tag outside its defined range.
        public static let invalidTag = Code(value: .invalidTag)
        /// Map keys out of order or repeated.
        public static let unsortedKeys = Code(value: .unsortedKeys)
        /// A number written in a form the encoder never produces (an integral double, a NaN
        /// with a payload): decoding it and encoding again would give different bytes.
        public static let nonCanonicalNumber = Code(value: .nonCanonicalNumber)
        /// Values nested deeper than ``CanonicalEncoding/maximumDepth``.
        public static let tooDeep = Code(value: .tooDeep)

        public var description: String { "\(value)" }
    }

    public let code: Code
    /// Where the problem starts, counted from the first byte.
    public let offset: Int

    public var description: String { "not a canonical audit event: \(code) at byte \(offset)" }
}
