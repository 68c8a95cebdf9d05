import Foundation
import Testing

@testable import IngestCore

@Suite struct CSVReaderTests {
    /// Reads every record of `text` with the given configuration.
    func records(_ text: String, configuration: CSVConfiguration = CSVConfiguration(hasHeader: false)) throws -> [[String]] {
        try records(bytes: Array(text.utf8), configuration: configuration).map(\.fields)
    }

    func records(bytes: [UInt8], configuration: CSVConfiguration) throws -> [CSVRecord] {
        let directory = TemporaryDirectory()
        let reader = try CSVReader(path: directory.file("in.csv", bytes: bytes), configuration: configuration)
        var result: [CSVRecord] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let input: String
        let expected: [[String]]
    }

    static let cases: [Case] = [
        Case(description: "plain LF", input: "a,b\nc,d\n", expected: [["a", "b"], ["c", "d"]]),
        Case(description: "CRLF", input: "a,b\r\nc,d\r\n", expected: [["a", "b"], ["c", "d"]]),
        Case(description: "no trailing newline", input: "a,b\nc,d", expected: [["a", "b"], ["c", "d"]]),
        Case(description: "quoted field with comma", input: "\"Testperson, Alex\",x\n", expected: [["Testperson, Alex", "x"]]),
        Case(description: "doubled quotes", input: "\"say \"\"hi\"\"\",x\n", expected: [["say \"hi\"", "x"]]),
        Case(description: "embedded LF", input: "\"line1\nline2\",x\ny,z\n", expected: [["line1\nline2", "x"], ["y", "z"]]),
        Case(description: "embedded CRLF", input: "\"line1\r\nline2\",x\r\n", expected: [["line1\r\nline2", "x"]]),
        Case(description: "empty fields", input: ",,\na,,b\n", expected: [["", "", ""], ["a", "", "b"]]),
        Case(description: "trailing delimiter at EOF", input: "a,", expected: [["a", ""]]),
        Case(description: "quoted empty field", input: "\"\",a\n", expected: [["", "a"]]),
        Case(description: "blank lines skipped", input: "a\n\n\r\nb\n", expected: [["a"], ["b"]]),
        Case(description: "quote inside unquoted field kept", input: "ab\"c,d\n", expected: [["ab\"c", "d"]]),
        Case(description: "quoted field at EOF", input: "a,\"b\"", expected: [["a", "b"]]),
        Case(description: "multibyte UTF-8", input: "Zoë,Ærøskøbing\n", expected: [["Zoë", "Ærøskøbing"]]),
    ]

    @Test(arguments: cases)
    func parsesEdgeCase(_ testCase: Case) throws {
        #expect(try records(testCase.input) == testCase.expected)
    }

    @Test func skipsByteOrderMarkAndReadsHeader() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\n1,Testperson\n".utf8)
        let directory = TemporaryDirectory()
        let reader = try CSVReader(path: directory.file("bom.csv", bytes: bytes), configuration: CSVConfiguration(chunkSize: 1))
        #expect(reader.header == ["id", "name"])
        let record = try #require(try reader.next())
        #expect(record.fields == ["1", "Testperson"])
        #expect(record.number == 2)
        #expect(record.byteOffset == 3 + 8)
        #expect(try reader.next() == nil)
    }

    @Test func customDelimiter() throws {
        #expect(try records("a;\"b;c\"\n", configuration: CSVConfiguration(delimiter: ";", hasHeader: false)) == [["a", "b;c"]])
        #expect(try records("a\tb\n", configuration: CSVConfiguration(delimiter: "\t", hasHeader: false)) == [["a", "b"]])
    }

    @Test func unterminatedQuoteReportsTheRecordWhereItStarted() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("bad.csv", "a,b\nc,d\n\"open,e\nf,g\n")
        let reader = try CSVReader(path: path, configuration: CSVConfiguration(hasHeader: false, chunkSize: 4))
        _ = try reader.next()
        _ = try reader.next()
        let error = try #require(throws: CSVError.self) { try reader.next() }
        #expect(error.code == .unterminatedQuote)
        #expect(error.record == 3)
        #expect(error.byteOffset == 8)
        // Terminal: asking again gives the same error.
        #expect(throws: error) { try reader.next() }
    }

    @Test func characterAfterClosingQuoteIsAnError() throws {
        let directory = TemporaryDirectory()
        let reader = try CSVReader(
            path: directory.file("bad.csv", "a\n\"b\"x,c\n"), configuration: CSVConfiguration(hasHeader: false))
        _ = try reader.next()
        let error = try #require(throws: CSVError.self) { try reader.next() }
        #expect(error.code == .unexpectedCharacterAfterQuote)
        #expect(error.record == 2)
        #expect(error.field == 1)
    }

    @Test func invalidUTF8IsReportedWithRecordAndFieldAndReadingGoesOn() throws {
        let bytes = Array("a,b\nok,".utf8) + [0xFF, 0xFE] + Array("\nc,d\n".utf8)
        let directory = TemporaryDirectory()
        let reader = try CSVReader(
            path: directory.file("utf8.csv", bytes: bytes), configuration: CSVConfiguration(hasHeader: false))
        #expect(try reader.next()?.fields == ["a", "b"])
        let error = try #require(throws: CSVError.self) { try reader.next() }
        #expect(error.code == .invalidUTF8)
        #expect(error.record == 2)
        #expect(error.field == 2)
        #expect(!error.description.contains("ok"))
        let next = try #require(try reader.next())
        #expect(next.fields == ["c", "d"])
        #expect(next.number == 3)
    }

    @Test func recordLongerThanTheLimitIsAnError() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("long.csv", "\"" + String(repeating: "x", count: 500))
        let reader = try CSVReader(
            path: path, configuration: CSVConfiguration(hasHeader: false, chunkSize: 16, maximumRecordBytes: 100))
        let error = try #require(throws: CSVError.self) { try reader.next() }
        #expect(error.code == .recordTooLong)
        #expect(reader.maximumBufferedBytes <= 100 + 2 * 16)
    }

    @Test func emptyFileWithHeaderIsAnError() throws {
        let directory = TemporaryDirectory()
        let error = try #require(throws: CSVError.self) {
            try CSVReader(path: directory.file("empty.csv", ""), configuration: CSVConfiguration())
        }
        #expect(error.code == .missingHeader)
    }

    @Test func missingFileIsAnInputError() throws {
        let error = try #require(throws: CSVError.self) { try CSVReader(path: "/nonexistent/ingestcore.csv") }
        #expect(error.code == .input)
    }

    /// A file exercising every tricky construct, cut at every possible place by small chunks.
    static let tricky: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(
        (0..<200).map { i in
            i % 3 == 0
                ? "R\(i),\"Testperson, \"\"Q\"\"\nline\",Zoë\r\n"
                : "R\(i),,plain\(i)\n"
        }.joined().utf8)

    @Test(arguments: [1, 2, 3, 7, 64 * 1024])
    func chunkSizeDoesNotChangeTheRecords(chunkSize: Int) throws {
        let reference = try records(bytes: Self.tricky, configuration: CSVConfiguration(hasHeader: false))
        let chunked = try records(
            bytes: Self.tricky, configuration: CSVConfiguration(hasHeader: false, chunkSize: chunkSize))
        #expect(reference.count == 200)
        #expect(chunked == reference)
        #expect(chunked[0].fields == ["R0", "Testperson, \"Q\"\nline", "Zoë"])
    }

    @Test func resumingAtARecordOffsetGivesTheSameRemainingRecords() throws {
        let directory = TemporaryDirectory()
        let header = "id,name,note\n"
        let path = directory.file("resume.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(header.utf8) + Array(Self.tricky.dropFirst(3)))
        let first = try CSVReader(path: path, configuration: CSVConfiguration(chunkSize: 7))
        var all: [CSVRecord] = []
        while let record = try first.next() { all.append(record) }
        #expect(all.count == 200)

        for cut in [0, 1, 2, 3, 99, 199] {
            // Resume at the start of record `cut` (as if it had not been committed) ...
            let again = try CSVReader(path: path, configuration: CSVConfiguration(chunkSize: 7), resumingAt: all[cut].position)
            #expect(again.header == ["id", "name", "note"])
            var rest: [CSVRecord] = []
            while let record = try again.next() { rest.append(record) }
            #expect(rest == Array(all[cut...]))
            // ... and after it (as a checkpoint would store).
            let after = try CSVReader(path: path, configuration: CSVConfiguration(chunkSize: 7), resumingAt: all[cut].nextPosition)
            #expect(try after.next() == (cut + 1 < all.count ? all[cut + 1] : nil))
        }
    }
}
