import CLibPQ

extension DatabaseError {
    /// Builds an error from a failed libpq result (or, without one, from the connection's
    /// error message), keeping only value-free diagnostics.
    ///
    /// A `.queryFailed` on a connection that turns out to be broken becomes
    /// `.connectionFailed`; other codes keep their meaning and set ``connectionLost``.
    static func from(result: OpaquePointer?, connection: OpaquePointer?, code: Code) -> DatabaseError {
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        var error = DatabaseError(lost && code == .queryFailed ? .connectionFailed : code, connectionLost: lost)
        if let result {
            error.sqlState = field(result, "C")
            error.constraint = field(result, "n")
            error.table = field(result, "t")
            if let primary = field(result, "M") {
                error.message = sanitize(primary)
            } else if let text = PQresultErrorMessage(result).map({ String(cString: $0) }), !text.isEmpty {
                error.message = sanitize(text)
            }
        }
        if error.message == nil, let connection, let text = PQerrorMessage(connection).map({ String(cString: $0) }),
            !text.isEmpty
        {
            error.message = sanitize(text)
        }
        return error
    }

    /// One diagnostic field (`PG_DIAG_*`, given as its one-letter code) of a result.
    static func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        guard let value = PQresultErrorField(result, Int32(code.value)) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
