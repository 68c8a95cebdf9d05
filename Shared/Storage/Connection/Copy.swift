import CLibPQ

extension PGConnection {
    /// Bulk-loads rows with `COPY … FROM STDIN` (text format) and returns the number of rows
    /// the server copied. Much faster than INSERTs for large loads.
    ///
    /// Each row holds one value per column named in the COPY, in order. Values are escaped for
    /// the text format (backslash, tab, newline, carriage return), NULL is sent as `\N`, bytea
    /// as `\\x…`; data is streamed in chunks of about 64 KiB, so memory stays flat however
    /// long the sequence is.
    ///
    /// ```swift
    /// let copied = try conn.copyIn(
    ///     "COPY ingest.staging(row_number, name, received_at) FROM STDIN",
    ///     rows: batch.lazy.map { [.init($0.number), .init($0.name), .init($0.receivedAt)] })
    /// ```
    ///
    /// Inside ``transaction(_:)`` the load commits or rolls back with the rest.
    /// - Throws: `.copyFailed` when the server refuses the COPY or a row (constraint, type,
    ///   column count) — nothing is copied then — or when a text value contains a NUL character.
    public func copyIn(_ sql: String, rows: some Sequence<[PGValue]>) throws(DatabaseError) -> Int {
        let handle = try requireHandle()
        guard !sql.utf8.contains(0) else {
            throw DatabaseError(.copyFailed, detail: "the SQL text contains a NUL character")
        }
        guard let start = PQexec(handle, sql) else {
            throw DatabaseError.from(result: nil, connection: handle, code: .copyFailed)
        }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            let status = PQresultStatus(start)
            var error = DatabaseError.from(result: start, connection: handle, code: .copyFailed)
            PQclear(start)
            if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                abandonCopy(on: handle)
                error.detail = "copyIn needs COPY … FROM STDIN"
            } else if error.sqlState == nil && error.message == nil {
                error.detail = "copyIn needs COPY … FROM STDIN"
            }
            throw error
        }
        PQclear(start)

        let chunkSize = 64 * 1024
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkSize + 4 * 1024)
        var rowNumber = 0
        do throws(DatabaseError) {
            for row in rows {
                rowNumber += 1
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.append(UInt8(ascii: "\t")) }
                    guard CopyText.append(value, to: &buffer) else {
                        throw DatabaseError(
                            .copyFailed,
                            detail: "row \(rowNumber), column \(index + 1) contains a NUL character")
                    }
                }
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= chunkSize {
                    try sendCopyData(buffer, on: handle)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try sendCopyData(buffer, on: handle) }
        } catch {
            // Abort the COPY so the server discards everything sent, then report the cause.
            _ = PQputCopyEnd(handle, "aborted by the client")
            drainResults(on: handle)
            throw error
        }

        guard PQputCopyEnd(handle, nil) == 1 else {
            let error = DatabaseError.from(result: nil, connection: handle, code: .copyFailed)
            drainResults(on: handle)
            throw error
        }
        var copied = 0
        var failure: DatabaseError?
        while let result = PQgetResult(handle) {
            if failure == nil {
                if PQresultStatus(result) == PGRES_COMMAND_OK {
                    copied = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? rowNumber
                } else {
                    failure = DatabaseError.from(result: result, connection: handle, code: .copyFailed)
                }
            }
            PQclear(result)
        }
        if let failure { throw failure }
        logger.debug("COPY finished", metadata: ["db.rows": "\(copied)"])
        return copied
    }

    private func sendCopyData(_ buffer: [UInt8], on handle: OpaquePointer) throws(DatabaseError) {
        let status = buffer.withUnsafeBufferPointer { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return 1 }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                PQputCopyData(handle, $0, Int32(bytes.count))
            }
        }
        guard status == 1 else {
            throw DatabaseError.from(result: nil, connection: handle, code: .copyFailed)
        }
    }

    /// Leaves a COPY state entered by accident (a COPY sent through `execute`), so that the
    /// connection stays usable.
    func abandonCopy(on handle: OpaquePointer) {
        // COPY IN: refuse to send data. COPY OUT: read and discard what the server sends.
        _ = PQputCopyEnd(handle, "COPY is not supported here")
        var data: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(handle, &data, 0) > 0 {
            if let data { PQfreemem(data) }
            data = nil
        }
        drainResults(on: handle)
    }

    /// Reads and frees results until libpq reports the command finished.
    func drainResults(on handle: OpaquePointer) {
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            // A COPY state that survives would loop forever; the connection is unusable then.
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH { break }
        }
    }
}

/// Escaping for COPY's text format.
enum CopyText {
    /// Appends `value` as one COPY text field; false if a text value holds a NUL character.
    static func append(_ value: PGValue, to buffer: inout [UInt8]) -> Bool {
        switch value {
        case .null:
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return true
        case .bytes(let bytes):
            // bytea hex input is `\x…`; COPY needs the backslash itself escaped.
            buffer.append(UInt8(ascii: "\\"))
            PGBytea.appendHex(bytes, to: &buffer)
            return true
        case .text(let text):
            var text = text
            return text.withUTF8 { appendEscaped($0, to: &buffer) }
        }
    }

    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) -> Bool {
        var runStart = 0
        for index in 0..<utf8.count {
            let escape: UInt8
            switch utf8[index] {
            case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
            case 0: return false
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(escape)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        return true
    }
}
