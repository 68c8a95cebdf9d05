import Foundation
import LeadTracDomain
import Testing

@testable import IngestCore

@Suite struct JSONLinesReaderTests {
    static let text = """
        {"id":"R1","name":"Testperson"}

        [1,2,3]
        {"id":"R2", broken
        "just a string"\r
        {"id":"R3","tags":["x"]}
        """

    func lines(chunkSize: Int = 64 * 1024) throws -> (TemporaryDirectory, String, [JSONLine]) {
        let directory = TemporaryDirectory()
        let path = directory.file("in.jsonl", Self.text)
        let reader = try JSONLinesReader(path: path, chunkSize: chunkSize)
        var result: [JSONLine] = []
        while let line = try reader.next() { result.append(line) }
        return (directory, path, result)
    }

    @Test func skipsBlankLinesButCountsThem() throws {
        let (_, _, lines) = try lines()
        #expect(lines.map(\.number) == [1, 3, 4, 5, 6])
        #expect(lines[0].byteOffset == 0)
        #expect(String(decoding: lines[3].bytes, as: UTF8.self) == "\"just a string\"")
    }

    @Test(arguments: [1, 5, 64 * 1024])
    func chunkSizeDoesNotChangeTheLines(chunkSize: Int) throws {
        #expect(try lines(chunkSize: chunkSize).2 == lines().2)
    }

    @Test func badLinesBecomePerRowProblems() throws {
        let (_, _, lines) = try lines()
        let mapping = ImportMapping(
            format: .jsonl, columns: [ColumnMapping(name: "id", field: .sourceRecordId),
                                      ColumnMapping(name: "name", field: .personName(.family)),
                                      ColumnMapping(name: "tags", field: .narrative)])
        let mapper = try RowMapper(mapping: mapping)
        let codes = lines.map { line -> [String] in
            switch mapper.map(line) {
            case .success: return []
            case .failure(let rejection): return rejection.problems.map(\.code)
            }
        }
        #expect(codes == [
            [], ["import.not-json-object"], ["import.invalid-json"], ["import.not-json-object"],
            ["import.value-not-text"],
        ])
    }

    @Test func resumesAtALineOffset() throws {
        let (directory, path, lines) = try lines()
        defer { withExtendedLifetime(directory) {} }
        let reader = try JSONLinesReader(path: path, chunkSize: 3, resumingAt: lines[1].nextPosition)
        #expect(try reader.next() == lines[2])
        #expect(try reader.next() == lines[3])
    }

    @Test func decodesWholeLinesAsRawLeadsWithoutColumns() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("raw.jsonl", """
            {"sourceRecordId":"R9","kind":"person","category":"overstay","person":{"name":{"full":"Alex Testperson"}}}
            {"kind":"person"}
            {"sourceRecordId":"R10","person":{"name":"not an object"}}
            """)
        let reader = try JSONLinesReader(path: path)
        let mapper = try RowMapper(mapping: ImportMapping(format: .jsonl, columns: nil))
        let first = try mapper.map(#require(try reader.next())).get()
        #expect(first.sourceRecordID == "R9")
        #expect(first.lead.person?.name?.full == "Alex Testperson")
        guard case .failure(let missing) = mapper.map(try #require(try reader.next())) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(missing.problems.map(\.code) == ["import.missing-record-id"])
        guard case .failure(let shape) = mapper.map(try #require(try reader.next())) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(shape.problems == [.invalidShape(field: "person.name")])
    }
}
