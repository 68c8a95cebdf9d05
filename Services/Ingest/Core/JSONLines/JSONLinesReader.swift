/// One non-blank line of a JSON Lines file, as bytes.
///
/// The reader does not parse JSON: a line that is not a JSON object is the mapper's per-row
/// problem (``RowMapper``), not a reason to stop the file.
public struct JSONLine: Sendable, Hashable {
    /// 1-based physical line number in the file (blank lines counted).
    public let number: Int
    /// The file offset of the line's first byte.
    public let byteOffset: UInt64
    /// The file offset just after the line's LF (or the end of the file): where the next line starts.
    public let nextByteOffset: UInt64
    /// The line without its line break (LF or CRLF).
    public let bytes: [UInt8]

    /// Where a reader must start to read the lines after this one.
    public var nextPosition: JSONLinesPosition { JSONLinesPosition(byteOffset: nextByteOffset, lineNumber: number + 1) }
    /// Where a reader must start to read this line again.
    public var position: JSONLinesPosition { JSONLinesPosition(byteOffset: byteOffset, lineNumber: number) }
}

/// Where a JSON Lines reader should (re)start.
public struct JSONLinesPosition: Sendable, Codable, Hashable {
    public var byteOffset: UInt64
    public var lineNumber: Int

    public init(byteOffset: UInt64, lineNumber: Int) {
        self.byteOffset = byteOffset
        self.lineNumber = lineNumber
    }
}

/// Why a JSON Lines file could not be read. Holds line numbers and offsets, never content.
public struct JSONLinesError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A line is longer than the configured maximum.
        case lineTooLong = "jsonl.line-too-long"
        /// The file could not be opened or read.
        case input = "jsonl.input"
    }

    public let code: Code
    public let line: Int
    public let byteOffset: UInt64
    public let input: ImportInputError?

    public var description: String {
        switch code {
        case .lineTooLong: "JSON Lines line \(line) (byte \(byteOffset)): longer than the configured maximum"
        case .input: "JSON Lines: \(input.map(String.init(describing:)) ?? "read error")"
        }
    }
}

/// A streaming JSON Lines reader: one line at a time from a file read in fixed-size chunks.
///
/// Memory stays at about one chunk plus one line (``maximumBufferedBytes``). Blank lines
/// (only spaces, tabs, CR) are skipped but counted in line numbers, so numbers match what an
/// editor shows. A UTF-8 byte-order mark at the start is skipped. Not thread-safe: one owner.
public final class JSONLinesReader {
    /// The largest number of bytes held at once (chunk plus the line in progress).
    public private(set) var maximumBufferedBytes = 0
    public let chunkSize: Int
    public let maximumLineBytes: Int

    private var input: ChunkedFileInput
    private var bytes: [UInt8] = []
    private var index = 0
    private var line: [UInt8] = []
    private var lineStart: UInt64?
    private var nextLineNumber: Int

    private static let lf = UInt8(ascii: "\n")

    /// - Parameters:
    ///   - position: where to resume (a committed ``JSONLine/nextPosition``), or the start.
    public init(
        path: String, chunkSize: Int = CSVConfiguration.defaultChunkSize, maximumLineBytes: Int = 1 << 20,
        resumingAt position: JSONLinesPosition? = nil
    ) throws(JSONLinesError) {
        self.chunkSize = chunkSize
        self.maximumLineBytes = maximumLineBytes
        let bom = ChunkedFileInput.byteOrderMarkLength(path: path) ?? 0
        let offset = max(position?.byteOffset ?? 0, bom)
        nextLineNumber = position?.lineNumber ?? 1
        do {
            input = try ChunkedFileInput(path: path, chunkSize: chunkSize, startingAt: offset)
        } catch {
            throw JSONLinesError(code: .input, line: nextLineNumber, byteOffset: offset, input: error)
        }
    }

    private var offsetHere: UInt64 { input.chunkOffset + UInt64(index) }

    /// The next non-blank line, or `nil` at the end of the file.
    public func next() throws(JSONLinesError) -> JSONLine? {
        while true {
            if index >= bytes.count {
                if let lineStart, line.count > maximumLineBytes {
                    throw JSONLinesError(code: .lineTooLong, line: nextLineNumber, byteOffset: lineStart, input: nil)
                }
                do { try input.advance() } catch {
                    throw JSONLinesError(code: .input, line: nextLineNumber, byteOffset: offsetHere, input: error)
                }
                bytes = input.chunk
                index = 0
                maximumBufferedBytes = max(maximumBufferedBytes, bytes.count + line.count)
                if bytes.isEmpty {
                    guard lineStart != nil else { return nil }
                    if let result = finishLine(endingAt: input.chunkOffset) { return result }
                    return nil
                }
            }
            if lineStart == nil { lineStart = offsetHere }
            let start = index
            var i = index
            let count = bytes.count
            while i < count && bytes[i] != Self.lf { i += 1 }
            line.append(contentsOf: bytes[start..<i])
            index = i
            if i < count {
                index += 1
                if let result = finishLine(endingAt: offsetHere) { return result }
            }
        }
    }

    /// Closes the line in progress; `nil` when it was blank.
    private func finishLine(endingAt end: UInt64) -> JSONLine? {
        defer {
            line.removeAll(keepingCapacity: true)
            lineStart = nil
            nextLineNumber += 1
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard !blank, let lineStart else { return nil }
        return JSONLine(number: nextLineNumber, byteOffset: lineStart, nextByteOffset: end, bytes: line)
    }
}
