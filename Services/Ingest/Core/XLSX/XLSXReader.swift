import Foundation
import XMLCoder
import ZIPFoundation

/// Reads the first worksheet of an Excel workbook (.xlsx) as records of text fields, like
/// `CSVReader`: ZIPFoundation opens the package and XMLCoder decodes its XML parts, so no zip
/// or XML parsing is written here.
///
/// Cells are read as the workbook stores them: shared and inline strings as their text,
/// numbers as their stored decimal text (a date the sheet formats as a date is a serial
/// number; give dates as text cells, or map them as text). Empty rows are skipped. The whole
/// sheet is held in memory: workbooks are bounded (1,048,576 rows); for larger extracts use CSV,
/// which streams. A record's "byte offset" is its index among the sheet's rows, so an import
/// checkpoint resumes at the right row.
public final class XLSXReader {
    public enum Failure: Error, CustomStringConvertible {
        case notAWorkbook(String)
        case missingPart(String)

        public var description: String {
            switch self {
            case .notAWorkbook(let reason): "not an .xlsx workbook (\(reason))"
            case .missingPart(let part): "the workbook has no \(part)"
            }
        }
    }

    /// The header row's fields, when the reader was asked for one.
    public private(set) var header: [String]?
    private let rows: [(number: Int, fields: [String])]
    private var index: Int

    /// - Parameters:
    ///   - hasHeader: whether the first non-empty row holds the column names.
    ///   - resumingAt: the index of the row to read next (a checkpoint's offset); 0 from the start.
    public init(path: String, hasHeader: Bool, resumingAt: Int = 0) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Failure.notAWorkbook("\(error)")
        }
        // Text is kept as written (`xml:space="preserve"` cells keep their spaces).
        let textDecoder = XMLDecoder(trimValueWhitespaces: false)
        let strings = try Self.part("xl/sharedStrings.xml", in: archive, optional: true).map {
            try textDecoder.decode(SharedStrings.self, from: $0).si.map(\.text)
        } ?? []
        guard let sheetPath = Self.firstSheetPath(in: archive),
            let data = try Self.part(sheetPath, in: archive, optional: false)
        else { throw Failure.missingPart("worksheet") }
        let sheet = try XMLDecoder().decode(Worksheet.self, from: data)
        var rows: [(Int, [String])] = []
        for (position, row) in (sheet.sheetData.row ?? []).enumerated() {
            var fields: [String] = []
            for cell in row.c ?? [] {
                let column = Self.columnIndex(cell.r) ?? fields.count
                while fields.count < column { fields.append("") }
                let text: String
                switch cell.t {
                case "s": text = Int(cell.v ?? "").flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
                case "inlineStr": text = cell.is?.text ?? ""
                case "b": text = cell.v == "1" ? "TRUE" : "FALSE"
                default: text = cell.v ?? ""
                }
                if column < fields.count { fields[column] = text } else { fields.append(text) }
            }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append((row.r ?? position + 1, fields))
        }
        if hasHeader, !rows.isEmpty {
            let names = rows[0].1
            header = names
            rows.removeFirst()
            // Spreadsheets leave trailing empty cells out: every row gets the header's width.
            rows = rows.map { ($0.0, $0.1.count < names.count ? $0.1 + Array(repeating: "", count: names.count - $0.1.count) : $0.1) }
        }
        self.rows = rows
        index = resumingAt
    }

    /// The next row, or nil at the end.
    public func next() -> CSVRecord? {
        guard index < rows.count else { return nil }
        let row = rows[index]
        index += 1
        return CSVRecord(number: row.number, byteOffset: UInt64(index - 1), nextByteOffset: UInt64(index), fields: row.fields)
    }

    /// "C7" → 2.
    static func columnIndex(_ reference: String?) -> Int? {
        guard let reference else { return nil }
        var value = 0
        var any = false
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            value = value * 26 + Int(scalar.value - 64)
            any = true
        }
        return any ? value - 1 : nil
    }

    private static func firstSheetPath(in archive: Archive) -> String? {
        if archive["xl/worksheets/sheet1.xml"] != nil { return "xl/worksheets/sheet1.xml" }
        return archive.map(\.path).filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }.sorted().first
    }

    private static func part(_ path: String, in archive: Archive, optional: Bool) throws -> Data? {
        guard let entry = archive[path] else {
            if optional { return nil }
            throw Failure.missingPart(path)
        }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    // MARK: The parts of SpreadsheetML that a reader needs

    struct SharedStrings: Decodable {
        var si: [StringItem]
    }

    /// `<si><t>…</t></si>` or rich text `<si><r><t>…</t></r>…</si>`.
    struct StringItem: Decodable {
        var t: Text?
        var r: [Run]?
        var text: String { t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined() }
    }

    struct Run: Decodable {
        var t: Text?
    }

    /// A `<t>` element (it may carry `xml:space`); its text is the intrinsic value.
    struct Text: Decodable {
        var value: String

        enum CodingKeys: String, CodingKey { case value = "" }

        init(from decoder: any Decoder) throws {
            if let container = try? decoder.container(keyedBy: CodingKeys.self),
                let value = try? container.decode(String.self, forKey: .value)
            {
                self.value = value
            } else {
                value = (try? decoder.singleValueContainer().decode(String.self)) ?? ""
            }
        }
    }

    struct Worksheet: Decodable {
        var sheetData: SheetData
    }

    struct SheetData: Decodable {
        var row: [Row]?
    }

    struct Row: Decodable {
        var r: Int?
        var c: [Cell]?
    }

    struct Cell: Decodable {
        var r: String?
        var t: String?
        var v: String?
        var `is`: StringItem?
    }
}
