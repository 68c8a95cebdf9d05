/// How a CSV file is laid out and how the reader may use memory.
public struct CSVConfiguration: Sendable, Hashable {
    /// The field separator, one ASCII byte other than `"`, CR or LF; `,` by default.
    public var delimiter: UInt8
    /// Whether the first record names the columns. The header is read once, also when an import
    /// resumes in the middle of the file.
    public var hasHeader: Bool
    /// How many bytes are read from the file at a time. Memory use is about this plus the longest
    /// record, whatever the size of the file.
    public var chunkSize: Int
    /// A record longer than this is an error (``CSVError/Code/recordTooLong``). It stops a file
    /// with a stray quote from being read into memory whole.
    public var maximumRecordBytes: Int

    public static let defaultChunkSize = 64 * 1024

    /// - Parameter delimiter: an ASCII character other than `"`, CR or LF.
    public init(
        delimiter: Character = ",", hasHeader: Bool = true, chunkSize: Int = CSVConfiguration.defaultChunkSize,
        maximumRecordBytes: Int = 1 << 20
    ) {
        precondition(
            delimiter.isASCII && !["\"", "\r", "\n", "\r\n"].contains(delimiter),
            "the CSV delimiter must be one ASCII character other than a quote or a line break")
        precondition(chunkSize > 0 && maximumRecordBytes > 0, "sizes must be positive")
        self.delimiter = delimiter.asciiValue!
        self.hasHeader = hasHeader
        self.chunkSize = chunkSize
        self.maximumRecordBytes = maximumRecordBytes
    }
}

/// Where reading should (re)start: the byte offset of a record's first byte and that record's
/// 1-based number. Taken from ``CSVRecord/position`` or ``CSVRecord/nextPosition``.
public struct CSVPosition: Sendable, Codable, Hashable {
    public var byteOffset: UInt64
    public var recordNumber: Int

    public init(byteOffset: UInt64, recordNumber: Int) {
        self.byteOffset = byteOffset
        self.recordNumber = recordNumber
    }
}

/// One record of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// 1-based number of the record in the file; the header, when there is one, is record 1.
    /// Blank lines are not records and are not counted.
    public let number: Int
    /// The file offset of the record's first byte.
    public let byteOffset: UInt64
    /// The file offset just after the record's line break (or the end of the file): where the
    /// next record starts, give or take blank lines and the LF of a CRLF, which a reader
    /// started there skips.
    public let nextByteOffset: UInt64
    /// The fields, unquoted, as UTF-8 text. An empty field is an empty string.
    public let fields: [String]

    public init(number: Int, byteOffset: UInt64, nextByteOffset: UInt64, fields: [String]) {
        self.number = number
        self.byteOffset = byteOffset
        self.nextByteOffset = nextByteOffset
        self.fields = fields
    }

    /// Where a reader must start to read this record again.
    public var position: CSVPosition { CSVPosition(byteOffset: byteOffset, recordNumber: number) }
    /// Where a reader must start to read the records after this one: what an import
    /// checkpoints once this record is committed.
    public var nextPosition: CSVPosition { CSVPosition(byteOffset: nextByteOffset, recordNumber: number + 1) }
}
