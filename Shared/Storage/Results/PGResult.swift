import CLibPQ

/// The outcome of one statement: its rows (copied out of libpq) and its command tag.
///
/// All cell bytes are copied into one contiguous buffer when the result arrives and the
/// libpq `PGresult` is freed at once, so a `PGResult` holds no C pointers, can outlive its
/// connection and is `Sendable`. Cells keep PostgreSQL's text format until decoded.
///
/// ```swift
/// let result = try conn.execute("select id, name from matcher.subjects where id = any($1::uuid[])", [.init(ids)])
/// for row in result.rows {
///     let id: UUID = try row.decode(at: 0)
///     let name = try row.decode(String?.self, column: "name")
/// }
/// ```
public struct PGResult: Sendable {
    /// Column names, in order.
    public var columns: [String] { storage.columns }
    /// Number of rows returned.
    public var rowCount: Int { storage.rowCount }
    /// Rows inserted, updated, deleted, copied or selected, from the command tag
    /// (`PQcmdTuples`); 0 when the command reports none.
    public let affectedRows: Int
    /// The command tag, such as `INSERT 0 1` or `SELECT 3`.
    public let commandStatus: String
    /// The rows, as a random-access collection.
    public var rows: PGRows { PGRows(storage: storage) }

    let storage: PGResultStorage

    /// Copies everything needed out of `result`. The caller still owns (and clears) it.
    init(copying result: OpaquePointer) {
        storage = PGResultStorage(copying: result)
        commandStatus = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        affectedRows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }
}

/// The rows of a ``PGResult``.
public struct PGRows: RandomAccessCollection, Sendable {
    let storage: PGResultStorage

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.rowCount }

    public subscript(position: Int) -> PGRow {
        precondition(position >= 0 && position < storage.rowCount, "row index out of range")
        return PGRow(storage: storage, row: position)
    }
}

/// One row of a ``PGResult``.
public struct PGRow: Sendable {
    @usableFromInline let storage: PGResultStorage
    /// The row's position in its result.
    public let row: Int

    /// Column names, in order.
    public var columns: [String] { storage.columns }

    /// Decodes the cell at `column` (0-based). Optional types decode NULL as nil; other
    /// types throw on NULL.
    /// - Throws: `.decodingFailed` naming the column and type (never the value).
    @inlinable
    public func decode<T: PGDecodable>(_ type: T.Type = T.self, at column: Int) throws(DatabaseError) -> T {
        guard column >= 0, column < storage.columnCount else {
            throw DatabaseError(
                .decodingFailed, detail: "column index \(column) out of range (\(storage.columnCount) columns)")
        }
        guard let text = storage.cell(row: row, column: column) else {
            do {
                return try T.pgDecodeNull()
            } catch {
                throw error.adding(context: "column \(describeColumn(column))")
            }
        }
        do {
            return try T(pgText: text)
        } catch {
            throw error.adding(context: "column \(describeColumn(column))")
        }
    }

    /// Decodes the cell in the column called `name` (the first one, if several share it).
    @inlinable
    public func decode<T: PGDecodable>(_ type: T.Type = T.self, column name: String) throws(DatabaseError) -> T {
        try decode(type, at: try index(of: name))
    }

    /// Whether the cell at `column` is SQL NULL (false for an out-of-range column).
    public func isNull(at column: Int) -> Bool {
        guard column >= 0, column < storage.columnCount else { return false }
        return storage.cell(row: row, column: column) == nil
    }

    /// Whether the cell in the column called `name` is SQL NULL.
    public func isNull(column name: String) throws(DatabaseError) -> Bool {
        isNull(at: try index(of: name))
    }

    @usableFromInline
    func index(of name: String) throws(DatabaseError) -> Int {
        // Results have few columns: a linear scan beats building a dictionary per result.
        guard let index = storage.columns.firstIndex(of: name) else {
            throw DatabaseError(.decodingFailed, detail: "no column named \"\(name)\" in the result")
        }
        return index
    }

    @usableFromInline
    func describeColumn(_ column: Int) -> String {
        "\"\(storage.columns[column])\" (\(column))"
    }
}

/// Immutable copy of a libpq result: all cell bytes in one buffer plus per-cell offsets.
@usableFromInline
final class PGResultStorage: Sendable {
    let columns: [String]
    @usableFromInline let columnCount: Int
    let rowCount: Int
    /// Every non-NULL cell's bytes, back to back.
    private let bytes: [UInt8]
    /// Start of each cell in `bytes`, row-major.
    private let starts: [Int]
    /// Length of each cell, or -1 for NULL.
    private let lengths: [Int32]

    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        self.rowCount = rowCount
        self.columnCount = columnCount
        columns = (0..<columnCount).map { column in
            PQfname(result, Int32(column)).map { String(cString: $0) } ?? ""
        }
        let cellCount = rowCount * columnCount
        var lengths = [Int32](repeating: -1, count: cellCount)
        var total = 0
        for row in 0..<rowCount {
            for column in 0..<columnCount where PQgetisnull(result, Int32(row), Int32(column)) == 0 {
                let length = PQgetlength(result, Int32(row), Int32(column))
                lengths[row * columnCount + column] = length
                total += Int(length)
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        var starts = [Int](repeating: 0, count: cellCount)
        for cell in 0..<cellCount {
            starts[cell] = bytes.count
            let length = Int(lengths[cell])
            guard length > 0,
                let value = PQgetvalue(result, Int32(cell / columnCount), Int32(cell % columnCount))
            else { continue }
            value.withMemoryRebound(to: UInt8.self, capacity: length) { pointer in
                bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.lengths = lengths
    }

    /// The cell's text, or nil for NULL.
    @usableFromInline
    func cell(row: Int, column: Int) -> ArraySlice<UInt8>? {
        let cell = row * columnCount + column
        let length = lengths[cell]
        guard length >= 0 else { return nil }
        let start = starts[cell]
        return bytes[start..<start + Int(length)]
    }
}
