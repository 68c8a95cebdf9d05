/// A small JSON-like value for an event's `details`: search terms, result counts, field lists,
/// before and after values.
///
/// Numbers compare by value, as in JSON: `.double(3.0) == .int(3)`. JSON text does not keep the
/// difference (`3.0` and `3` decode alike), so the canonical encoding writes an integral double
/// as an integer and equality agrees with it; otherwise an event sent as JSON would not hash as
/// it did before it was sent. `-0.0` is `0`, and every NaN is the same value.
public enum AuditValue: Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([AuditValue])
    case object([String: AuditValue])
}

extension AuditValue {
    /// How a number is written canonically: an integer, or a non-integral double's bits.
    package enum Number: Hashable {
        case integer(Int64)
        case double(bitPattern: UInt64)
    }

    /// The bit pattern every NaN is written with (the quiet NaN with an empty payload).
    package static let canonicalNaNBits: UInt64 = 0x7FF8_0000_0000_0000

    package static func number(_ value: Double) -> Number {
        if let integer = Int64(exactly: value) { return .integer(integer) }
        if value.isNaN { return .double(bitPattern: canonicalNaNBits) }
        return .double(bitPattern: value.bitPattern)
    }
}

extension AuditValue: Hashable {
    public static func == (lhs: AuditValue, rhs: AuditValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): Self.number(b) == .integer(a)
        case (.double(let a), .double(let b)): Self.number(a) == Self.number(b)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let value): hasher.combine(0); hasher.combine(value)
        case .int(let value): hasher.combine(1); hasher.combine(Number.integer(value))
        case .double(let value): hasher.combine(1); hasher.combine(Self.number(value))
        case .bool(let value): hasher.combine(2); hasher.combine(value)
        case .null: hasher.combine(3)
        case .array(let value): hasher.combine(4); hasher.combine(value)
        case .object(let value): hasher.combine(5); hasher.combine(value)
        }
    }
}

extension AuditValue: Codable {
    /// Plain JSON: a string, number, boolean, null, array or object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AuditValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: AuditValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension AuditValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: AuditValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, AuditValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
