/// An error from the storage layer: connecting, querying, decoding, committing, copying,
/// configuring or migrating.
///
/// Follows the extensible-error-struct pattern: match on ``code`` (`error.code == .queryFailed`)
/// and read the context fields. The ``description`` is safe to log: it never contains SQL
/// parameter values, row data or passwords. From the server's diagnostics only the primary
/// message (with quoted values after a colon masked), the SQLSTATE, the constraint name and
/// the table name are kept; the server's DETAIL line (which repeats key values) is dropped.
///
/// ```swift
/// do {
///     try conn.execute("insert into s.leads(id) values ($1)", [.init(id)])
/// } catch let error as DatabaseError where error.isUniqueViolation {
///     // already stored: treat as a duplicate delivery
/// }
/// ```
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Compare with the static members.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case connectionFailed, queryFailed, decodingFailed, commitFailed, copyFailed
            case invalidConfiguration, migrationFailed
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Could not connect, or the connection broke (before or during a statement).
        public static let connectionFailed = Code(.connectionFailed)
        /// The server rejected a statement (syntax, constraint, permission, ...).
        public static let queryFailed = Code(.queryFailed)
        /// A result cell could not be converted to the requested Swift type.
        public static let decodingFailed = Code(.decodingFailed)
        /// `COMMIT` failed or the server rolled the transaction back instead of committing.
        public static let commitFailed = Code(.commitFailed)
        /// A `COPY ... FROM STDIN` was refused or aborted.
        public static let copyFailed = Code(.copyFailed)
        /// A database URL or setting is malformed.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A schema migration failed or the applied migrations do not match the code.
        public static let migrationFailed = Code(.migrationFailed)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The five-character SQLSTATE reported by the server, if any (e.g. `23505`).
    public var sqlState: String?
    /// The server's primary message (or libpq's first error line), with quoted values that
    /// follow a colon masked as `"…"`. Never includes the server's DETAIL line.
    public var message: String?
    /// The constraint named by the server (unique, foreign key, check), if any.
    public var constraint: String?
    /// The table named by the server, if any.
    public var table: String?
    /// Context added by this library (which column, which migration, what was expected).
    /// Written here, never derived from data, so it is free of values.
    public var detail: String?
    /// True when the connection was found broken (`PQstatus == CONNECTION_BAD`) after the
    /// failure: the connection must be re-established with `reconnect()`.
    public var connectionLost: Bool

    /// Creates an error. Prefer the library's own errors; this exists for wrappers and tests.
    public init(
        _ code: Code, sqlState: String? = nil, message: String? = nil, constraint: String? = nil,
        table: String? = nil, detail: String? = nil, connectionLost: Bool = false
    ) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.table = table
        self.detail = detail
        self.connectionLost = connectionLost
    }

    /// Whether retrying the same work later (after `reconnect()` if ``connectionLost``) may
    /// succeed: connection failures, SQLSTATE class 08 (connection exception), 57P01/57P02/
    /// 57P03 (shutdown, crash, cannot connect now), 40001 (serialization failure), 40P01
    /// (deadlock), class 53 (insufficient resources) and 55P03 (lock not available).
    ///
    /// A transient failure of a `COMMIT` leaves the outcome unknown: retried work must be
    /// idempotent.
    public var isTransient: Bool {
        if code == .connectionFailed || connectionLost { return true }
        guard let state = sqlState else { return false }
        if state.hasPrefix("08") || state.hasPrefix("53") { return true }
        switch state {
        case "57P01", "57P02", "57P03", "40001", "40P01", "55P03": return true
        default: return false
        }
    }

    /// Whether the server reported a unique-constraint violation (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// A one-line summary safe for logs (no parameter values, no row data, no passwords).
    public var description: String {
        var parts: [String] = []
        if let sqlState { parts.append("sqlState: \(sqlState)") }
        if let message { parts.append("message: \(message)") }
        if let constraint { parts.append("constraint: \(constraint)") }
        if let table { parts.append("table: \(table)") }
        if let detail { parts.append("detail: \(detail)") }
        if connectionLost { parts.append("connection lost") }
        return "DatabaseError.\(code)(\(parts.joined(separator: ", ")))"
    }

    /// The same error with more context prepended to ``detail``.
    @usableFromInline
    func adding(context: String) -> DatabaseError {
        var copy = self
        copy.detail = detail.map { "\(context): \($0)" } ?? context
        return copy
    }
}

extension DatabaseError {
    /// A bare error of each kind, for matching (`catch DatabaseError.connectionFailed { … }`)
    /// and for wrappers and tests that need to throw one.
    public static var connectionFailed: DatabaseError { DatabaseError(.connectionFailed) }
    public static var queryFailed: DatabaseError { DatabaseError(.queryFailed) }
    public static var decodingFailed: DatabaseError { DatabaseError(.decodingFailed) }
    public static var commitFailed: DatabaseError { DatabaseError(.commitFailed) }
    public static var copyFailed: DatabaseError { DatabaseError(.copyFailed) }
    public static var invalidConfiguration: DatabaseError { DatabaseError(.invalidConfiguration) }
    public static var migrationFailed: DatabaseError { DatabaseError(.migrationFailed) }

    /// Matches any `DatabaseError` with the pattern's ``code``, whatever its context, so that
    /// `catch DatabaseError.queryFailed` catches every query failure.
    public static func ~= (pattern: DatabaseError, value: any Error) -> Bool {
        (value as? DatabaseError)?.code == pattern.code
    }
}

extension DatabaseError {
    /// Masks values in a server or libpq message so it can be logged.
    ///
    /// PostgreSQL quotes user-supplied values after a colon
    /// (`invalid input syntax for type integer: "abc"`), while identifiers follow a word
    /// (`relation "t" does not exist`). The first kind is replaced by `"…"`. Only the first
    /// line is kept (later lines are DETAIL/HINT/position markers that may repeat values), and
    /// a libpq severity prefix such as `ERROR:  ` is removed.
    static func sanitize(_ raw: String) -> String {
        var line = Substring(raw)
        if let newline = line.firstIndex(where: { $0 == "\n" || $0 == "\r" }) {
            line = line[..<newline]
        }
        for prefix in ["ERROR:  ", "FATAL:  ", "PANIC:  "] where line.hasPrefix(prefix) {
            line = line.dropFirst(prefix.count)
        }
        var output = ""
        output.reserveCapacity(line.utf8.count)
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\"", output.hasSuffix(": ") {
                // Skip the quoted value; PostgreSQL doubles embedded quotes.
                var cursor = line.index(after: index)
                while cursor < line.endIndex {
                    if line[cursor] == "\"" {
                        let next = line.index(after: cursor)
                        if next < line.endIndex, line[next] == "\"" {
                            cursor = line.index(after: next)
                            continue
                        }
                        break
                    }
                    cursor = line.index(after: cursor)
                }
                output += "\"…\""
                index = cursor < line.endIndex ? line.index(after: cursor) : cursor
                continue
            }
            output.append(character)
            index = line.index(after: index)
        }
        return output.trimmingWhitespace()
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
