/// The rows of a CSV or JSON Lines file, mapped, from a checkpoint's position on: what
/// `leadtrac import` and the ingest API's upload both read.
public final class RowSource {
    public struct Row {
        public var number: Int
        public var byteOffset: UInt64
        public var nextByteOffset: UInt64
        public var mapped: Result<MappedLead, RowRejection>
    }

    private let csv: CSVReader?
    private let jsonLines: JSONLinesReader?
    private var xlsx: XLSXReader?
    private var mapper: RowMapper?
    private let mapping: ImportMapping

    public init(file: String, mapping: ImportMapping, checkpoint: ImportCheckpoint) throws {
        self.mapping = mapping
        switch mapping.format {
        case .csv:
            let reader = try CSVReader(
                path: file, configuration: mapping.csvConfiguration(),
                resumingAt: checkpoint.nextByteOffset > 0 ? checkpoint.csvPosition : nil)
            csv = reader
            jsonLines = nil
            mapper = try RowMapper(mapping: mapping, header: reader.header)
        case .xlsx:
            let reader = try XLSXReader(
                path: file, hasHeader: mapping.hasHeader, resumingAt: Int(checkpoint.nextByteOffset))
            xlsx = reader
            csv = nil
            jsonLines = nil
            mapper = try RowMapper(mapping: mapping, header: reader.header)
        case .jsonl:
            jsonLines = try JSONLinesReader(
                path: file, resumingAt: checkpoint.nextByteOffset > 0 ? checkpoint.jsonLinesPosition : nil)
            csv = nil
            mapper = try RowMapper(mapping: mapping)
        }
    }

    public func next() throws -> Row? {
        guard let mapper else { return nil }
        if let xlsx {
            guard let record = xlsx.next() else { return nil }
            return Row(
                number: record.number, byteOffset: record.byteOffset, nextByteOffset: record.nextByteOffset,
                mapped: mapper.map(record))
        }
        if let csv {
            guard let record = try csv.next() else { return nil }
            return Row(
                number: record.number, byteOffset: record.byteOffset, nextByteOffset: record.nextByteOffset,
                mapped: mapper.map(record))
        }
        guard let line = try jsonLines?.next() else { return nil }
        return Row(
            number: line.number, byteOffset: line.byteOffset, nextByteOffset: line.nextByteOffset,
            mapped: mapper.map(line))
    }
}
