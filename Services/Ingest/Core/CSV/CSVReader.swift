import Foundation

/// A streaming RFC 4180 reader: one record at a time from a file read in fixed-size chunks.
///
/// Memory stays at about one chunk plus one record whatever the size of the file
/// (``maximumBufferedBytes`` records the high-water mark). Handles quoted fields with doubled
/// quotes, delimiters and line breaks inside quotes, CRLF and LF line ends, a UTF-8 byte-order
/// mark and a configurable delimiter. Lenient where RFC 4180 is silent: a quote inside an
/// unquoted field is kept as text, and blank lines are skipped (they are not records).
///
/// Every record carries its byte offset, so an interrupted import can open a new reader at the
/// last committed ``CSVPosition`` and go on exactly where it stopped. Not thread-safe: one owner.
public final class CSVReader {
    public let configuration: CSVConfiguration
    /// The column names from the header row, when ``CSVConfiguration/hasHeader`` is set.
    public private(set) var header: [String]?
    /// The largest number of bytes the reader held at once (chunk plus the record in progress).
    /// Exposed so tests and operators can check that memory does not grow with the file.
    public private(set) var maximumBufferedBytes = 0

    private let path: String
    private var input: ChunkedFileInput
    private var bytes: [UInt8] = []
    private var index = 0
    private var nextRecordNumber: Int
    private var failed: CSVError?

    // The record in progress.
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
    private var state = State.fieldStart
    private var recordStart: UInt64?
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var invalidField: Int?

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Opens a CSV file.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - configuration: delimiter, header, chunk size.
    ///   - position: where to resume (a committed ``CSVRecord/nextPosition``); the header, if
    ///     any, is still read from the start of the file.
    /// - Throws: ``CSVError`` when the file cannot be opened or the header cannot be read.
    public init(path: String, configuration: CSVConfiguration = CSVConfiguration(), resumingAt position: CSVPosition? = nil)
        throws(CSVError)
    {
        self.path = path
        self.configuration = configuration
        self.nextRecordNumber = 1
        let start = try Self.firstByteOffset(path: path)
        do {
            input = try ChunkedFileInput(path: path, chunkSize: configuration.chunkSize, startingAt: start)
        } catch {
            throw CSVError(.input, record: 1, byteOffset: 0, input: error)
        }
        if configuration.hasHeader {
            guard let record = try next() else { throw CSVError(.missingHeader, record: 1, byteOffset: start) }
            header = record.fields
        }
        if let position {
            try reopen(at: CSVPosition(byteOffset: max(position.byteOffset, start), recordNumber: position.recordNumber))
        }
    }

    /// The offset of the first byte after a UTF-8 byte-order mark, if the file starts with one.
    private static func firstByteOffset(path: String) throws(CSVError) -> UInt64 {
        guard let length = ChunkedFileInput.byteOrderMarkLength(path: path) else {
            throw CSVError(.input, record: 1, byteOffset: 0, input: ImportInputError(.cannotOpen, path: path))
        }
        return length
    }

    private func reopen(at position: CSVPosition) throws(CSVError) {
        do {
            input = try ChunkedFileInput(
                path: path, chunkSize: configuration.chunkSize, startingAt: position.byteOffset)
        } catch {
            throw CSVError(.input, record: position.recordNumber, byteOffset: position.byteOffset, input: error)
        }
        bytes = []
        index = 0
        nextRecordNumber = position.recordNumber
        resetRecord()
    }

    /// The next record, or `nil` at the end of the file.
    /// - Throws: ``CSVError``. After ``CSVError/Code/invalidUTF8`` the reader goes on with the
    ///   following record; after any other error it keeps throwing that error.
    public func next() throws(CSVError) -> CSVRecord? {
        if let failed { throw failed }
        do {
            return try parseRecord()
        } catch {
            if !error.isRecoverable { failed = error }
            throw error
        }
    }

    private var offsetHere: UInt64 { input.chunkOffset + UInt64(index) }

    private func parseRecord() throws(CSVError) -> CSVRecord? {
        let delimiter = configuration.delimiter
        while true {
            if index >= bytes.count {
                if let recordStart, offsetHere - recordStart > UInt64(configuration.maximumRecordBytes) {
                    throw CSVError(.recordTooLong, record: nextRecordNumber, byteOffset: recordStart)
                }
                do { try input.advance() } catch {
                    throw CSVError(.input, record: nextRecordNumber, byteOffset: offsetHere, input: error)
                }
                bytes = input.chunk
                index = 0
                let pending = recordStart.map { Int(input.chunkOffset - $0) } ?? 0
                maximumBufferedBytes = max(maximumBufferedBytes, bytes.count + pending)
                if bytes.isEmpty {
                    guard let recordStart else { return nil }
                    if state == .quoted {
                        throw CSVError(.unterminatedQuote, record: nextRecordNumber, byteOffset: recordStart)
                    }
                    return try finishRecord(endingAt: input.chunkOffset)
                }
            }
            let count = bytes.count
            switch state {
            case .fieldStart:
                let byte = bytes[index]
                if recordStart == nil {
                    if byte == Self.cr || byte == Self.lf {  // a blank line, or the LF of a CRLF
                        index += 1
                        continue
                    }
                    recordStart = offsetHere
                }
                if byte == Self.quote {
                    state = .quoted
                    index += 1
                } else if byte == delimiter {
                    finishField()
                    index += 1
                } else if byte == Self.cr || byte == Self.lf {
                    index += 1
                    return try finishRecord(endingAt: offsetHere)
                } else {
                    state = .unquoted
                }
            case .unquoted:
                let start = index
                var i = index
                while i < count {
                    let byte = bytes[i]
                    if byte == delimiter || byte == Self.cr || byte == Self.lf { break }
                    i += 1
                }
                field.append(contentsOf: bytes[start..<i])
                index = i
                guard i < count else { continue }
                let byte = bytes[i]
                index += 1
                if byte != delimiter { return try finishRecord(endingAt: offsetHere) }
                finishField()
                state = .fieldStart
            case .quoted:
                let start = index
                var i = index
                while i < count && bytes[i] != Self.quote { i += 1 }
                field.append(contentsOf: bytes[start..<i])
                index = i
                if i < count {
                    state = .quoteInQuoted
                    index += 1
                }
            case .quoteInQuoted:
                let byte = bytes[index]
                index += 1
                if byte == Self.quote {
                    field.append(Self.quote)
                    state = .quoted
                } else if byte == delimiter {
                    finishField()
                    state = .fieldStart
                } else if byte == Self.cr || byte == Self.lf {
                    return try finishRecord(endingAt: offsetHere)
                } else {
                    throw CSVError(
                        .unexpectedCharacterAfterQuote, record: nextRecordNumber, field: fields.count + 1,
                        byteOffset: recordStart ?? 0)
                }
            }
        }
    }

    private func finishField() {
        if let text = String(validating: field, as: UTF8.self) {
            fields.append(text)
        } else {
            if invalidField == nil { invalidField = fields.count + 1 }
            fields.append("")
        }
        field.removeAll(keepingCapacity: true)
    }

    /// Closes the record in progress at a line break or the end of the file, closing its last
    /// field first (empty after a trailing delimiter).
    private func finishRecord(endingAt end: UInt64) throws(CSVError) -> CSVRecord {
        finishField()
        let start = recordStart ?? end
        let number = nextRecordNumber
        let record = CSVRecord(number: number, byteOffset: start, nextByteOffset: end, fields: fields)
        let invalid = invalidField
        nextRecordNumber += 1
        resetRecord()
        if let invalid { throw CSVError(.invalidUTF8, record: number, field: invalid, byteOffset: start) }
        return record
    }

    private func resetRecord() {
        state = .fieldStart
        recordStart = nil
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        invalidField = nil
    }
}
