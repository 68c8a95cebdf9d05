import Foundation
import IngestCore
import Testing
import ZIPFoundation

/// Spreadsheet import: a workbook written here with ZIPFoundation (parts as Excel writes them:
/// shared strings, rich text runs, `xml:space`, inline strings, numbers, skipped cells and an
/// empty row) is read row by row like a CSV file and mapped like one.
@Suite struct XLSXReaderTests {
    static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7">
        <si><t>record_id</t></si><si><t>first</t></si><si><t>last</t></si><si><t>dob</t></si>
        <si><t>Avery</t></si><si><r><t>Test</t></r><r><rPr><b/></rPr><t>person</t></r></si>
        <si><t xml:space="preserve"> Quinn </t></si>
        </sst>
        """

    static let sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
        <row r="2"><c r="A2"><v>1001</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c><c r="D2" t="inlineStr"><is><t>1987-04-12</t></is></c></row>
        <row r="3"></row>
        <row r="4"><c r="A4" t="inlineStr"><is><t>R-2</t></is></c><c r="B4" t="s"><v>6</v></c><c r="D4" t="inlineStr"><is><t>1990-01-02</t></is></c></row>
        </sheetData></worksheet>
        """

    static func workbook() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("test-\(UUID().uuidString).xlsx").path
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, text) in [("xl/sharedStrings.xml", sharedStrings), ("xl/worksheets/sheet1.xml", sheet)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return path
    }

    @Test func readsCellsAsTextSkippingEmptyRows() throws {
        let path = try Self.workbook()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try XLSXReader(path: path, hasHeader: true)
        #expect(reader.header == ["record_id", "first", "last", "dob"])
        let first = try #require(reader.next())
        #expect(first.number == 2)
        #expect(first.fields == ["1001", "Avery", "Testperson", "1987-04-12"], "rich text runs are joined")
        let second = try #require(reader.next())
        #expect(second.number == 4, "the empty row 3 is skipped")
        #expect(second.fields == ["R-2", " Quinn ", "", "1990-01-02"], "a skipped cell is empty; preserved spaces are kept")
        #expect(reader.next() == nil)
    }

    @Test func resumesAtACheckpointedRow() throws {
        let path = try Self.workbook()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try XLSXReader(path: path, hasHeader: true, resumingAt: 1)
        #expect(reader.next()?.fields.first == "R-2")
    }

    @Test func rowsAreMappedLikeCSV() throws {
        let path = try Self.workbook()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let mapping = try ImportMapping.load(yaml: """
            format: xlsx
            header: true
            defaults: { kind: person, category: overstay }
            columns:
              record_id: { field: sourceRecordId }
              first: { field: person.name.given }
              last: { field: person.name.family }
              dob: { field: person.dateOfBirth }
            """)
        let rows = try RowSource(file: path, mapping: mapping, checkpoint: ImportCheckpointStore(dataPath: path).initial())
        let first = try #require(try rows.next())
        let lead = try first.mapped.get()
        #expect(lead.sourceRecordID == "1001")
        #expect(lead.lead.person?.name?.given == "Avery")
        #expect(lead.lead.person?.dateOfBirth == "1987-04-12")
    }

    @Test func aFileThatIsNotAWorkbookIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-\(UUID().uuidString).xlsx").path
        try Data("record_id,first\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: XLSXReader.Failure.self) { try XLSXReader(path: path, hasHeader: true) }
    }
}
