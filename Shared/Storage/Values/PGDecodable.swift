/// A Swift type that can be read from a result cell in PostgreSQL's text output format.
///
/// Conforming: `String`, `Int`, `Int16`, `Int32`, `Int64`, `Double`, `Float`, `Bool`,
/// `Date`, `UUID`, `[UInt8]` (bytea), one-dimensional arrays of those, and `Optional` of any
/// of them (NULL decodes to `nil`; a non-optional type throws on NULL).
///
/// ```swift
/// for row in try conn.execute("select id, name, tags from ingest.leads where batch = $1", [.init(batch)]).rows {
///     let id = try row.decode(UUID.self, at: 0)
///     let name = try row.decode(String?.self, column: "name")
///     let tags: [String] = try row.decode(at: 2)
/// }
/// ```
public protocol PGDecodable {
    /// Creates a value from the UTF-8 text of a non-NULL cell.
    /// - Throws: `DatabaseError` with code `.decodingFailed` (never quoting the text).
    init(pgText text: ArraySlice<UInt8>) throws(DatabaseError)

    /// The value for SQL NULL. The default throws `.decodingFailed`; `Optional` returns nil.
    static func pgDecodeNull() throws(DatabaseError) -> Self
}

extension PGDecodable {
    public static func pgDecodeNull() throws(DatabaseError) -> Self {
        throw DatabaseError(.decodingFailed, detail: "NULL cannot be decoded as non-optional \(Self.self)")
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public init(pgText text: ArraySlice<UInt8>) throws(DatabaseError) {
        self = .some(try Wrapped(pgText: text))
    }

    public static func pgDecodeNull() throws(DatabaseError) -> Wrapped? { nil }
}

/// Shared by the decoders: a value-free decoding error.
@usableFromInline
func decodingError<T>(_ type: T.Type, _ reason: String) -> DatabaseError {
    DatabaseError(.decodingFailed, detail: "cannot decode \(T.self): \(reason)")
}
