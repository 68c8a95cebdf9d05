/// Why a CSV file could not be read, with the record (and field) where it happened.
///
/// Never contains field values: only numbers and offsets, so it can be logged and put in a
/// report as it is.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A quoted field was still open at the end of the file. `record` is where it started.
        case unterminatedQuote = "csv.unterminated-quote"
        /// A closing quote was followed by something other than a delimiter or a line break.
        case unexpectedCharacterAfterQuote = "csv.unexpected-character-after-quote"
        /// A field is not valid UTF-8. The reader can go on: the next call to
        /// ``CSVReader/next()`` returns the following record.
        case invalidUTF8 = "csv.invalid-utf8"
        /// A record is longer than ``CSVConfiguration/maximumRecordBytes``.
        case recordTooLong = "csv.record-too-long"
        /// The file has a header row configured but is empty.
        case missingHeader = "csv.missing-header"
        /// The file could not be opened or read.
        case input = "csv.input"
    }

    public let code: Code
    /// 1-based record number (the header is record 1).
    public let record: Int
    /// 1-based field number within the record, when the problem is in one field.
    public let field: Int?
    /// The file offset of the start of the record.
    public let byteOffset: UInt64
    /// The underlying I/O error for ``Code/input``.
    public let input: ImportInputError?

    init(_ code: Code, record: Int, field: Int? = nil, byteOffset: UInt64, input: ImportInputError? = nil) {
        self.code = code
        self.record = record
        self.field = field
        self.byteOffset = byteOffset
        self.input = input
    }

    /// Whether the reader can be asked for the next record after this error.
    public var isRecoverable: Bool { code == .invalidUTF8 }

    public var description: String {
        let place = "record \(record)" + (field.map { ", field \($0)" } ?? "") + " (byte \(byteOffset))"
        switch code {
        case .unterminatedQuote: return "CSV \(place): quoted field not closed before the end of the file"
        case .unexpectedCharacterAfterQuote: return "CSV \(place): unexpected character after a closing quote"
        case .invalidUTF8: return "CSV \(place): not valid UTF-8"
        case .recordTooLong: return "CSV \(place): record longer than the configured maximum"
        case .missingHeader: return "CSV: the file is empty but a header row was expected"
        case .input: return "CSV: \(input.map(String.init(describing:)) ?? "read error")"
        }
    }
}
