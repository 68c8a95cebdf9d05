/// One SQL parameter (or `COPY` field), already in PostgreSQL's text format.
///
/// Parameters are always sent separately from the SQL text (`$1`, `$2`, ...): there is no
/// API that splices values into SQL. Literals convert directly, anything ``PGEncodable``
/// (including optionals, where `nil` becomes SQL NULL) converts with `.init(_:)`:
///
/// ```swift
/// try conn.execute(
///     "insert into ingest.leads(id, name, score, received_at, tags, note) values ($1, $2, $3, $4, $5, $6)",
///     [.init(lead.id), .init(lead.name), 42, .init(Date()), .init(["a", "b"]), .init(lead.note)])
/// ```
///
/// Let the SQL state the type where the server cannot infer it (`$1::uuid`, `$2::text[]`).
public enum PGValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A value in PostgreSQL's text input format (`42`, `t`, `2024-05-01 12:00:00+00`, `{1,2}`).
    case text(String)
    /// Raw bytes for a `bytea`, sent in binary format (as they are). In `COPY`, hex text.
    case bytes([UInt8])

    /// Encodes any ``PGEncodable`` value.
    @inlinable
    public init<Value: PGEncodable>(_ value: Value) {
        self = value.pgValue
    }

    /// Encodes an optional value; `nil` becomes SQL NULL.
    @inlinable
    public init<Value: PGEncodable>(_ value: Value?) {
        self = value?.pgValue ?? .null
    }

    /// Whether this is SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A Swift type that can be sent as a query parameter.
///
/// Conforming: `String`, `Substring`, `Int`, `Int16`, `Int32`, `Int64`, `Double`, `Float`,
/// `Bool`, `Date` (timestamptz, UTC, microseconds), `UUID`, `[UInt8]` (bytea), arrays of
/// those (PostgreSQL array literals, elements may be optional) and `Optional` of any of them.
public protocol PGEncodable {
    /// The value in PostgreSQL's text input format.
    var pgValue: PGValue { get }
}

extension PGValue: PGEncodable {
    public var pgValue: PGValue { self }
}

extension Optional: PGEncodable where Wrapped: PGEncodable {
    public var pgValue: PGValue { self?.pgValue ?? .null }
}

extension PGValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension PGValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A string literal is a text parameter (never SQL).
    public init(stringLiteral value: String) { self = .text(value) }
}

extension PGValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .text(String(value)) }
}

extension PGValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = value.pgValue }
}

extension PGValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = value.pgValue }
}

extension PGValue: CustomStringConvertible {
    /// Deliberately value-free: parameters may hold personal data and must not reach logs.
    public var description: String {
        switch self {
        case .null: "PGValue.null"
        case .text(let text): "PGValue.text(\(text.utf8.count) bytes)"
        case .bytes(let bytes): "PGValue.bytes(\(bytes.count) bytes)"
        }
    }
}
