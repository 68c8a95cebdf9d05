import Foundation
import Testing

@testable import IngestCore

@Suite struct CheckpointTests {
    @Test func roundTripsThroughTheStateFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("leads.csv", "id\nR1\nR2\n")
        let store = ImportCheckpointStore(dataPath: path)
        #expect(try store.load() == nil)
        var checkpoint = try store.initial()
        checkpoint.nextByteOffset = 6
        checkpoint.nextRowNumber = 3
        checkpoint.rowsDone = 1
        checkpoint.counts.accepted = 1
        try store.save(checkpoint)
        #expect(FileManager.default.fileExists(atPath: path + ".import-state.json"))
        #expect(try store.load() == checkpoint)
        // The saved position resumes the reader at the next row.
        let reader = try CSVReader(path: path, resumingAt: try #require(try store.load()).csvPosition)
        #expect(try reader.next()?.fields == ["R2"])
        try store.remove()
        #expect(try store.load() == nil)
    }

    @Test func refusesACheckpointForAChangedFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("leads.csv", "id\nR1\nR2\n")
        let store = ImportCheckpointStore(dataPath: path)
        let checkpoint = try store.initial()
        try store.save(checkpoint)
        // Same size, same modification time, different content.
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        try Data("id\nR1\nR3\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: path)
        let error = try #require(throws: ImportCheckpointError.self) { try store.load() }
        #expect(error.code == .fileChanged)
        #expect(error.detail == "content")
        // Appended rows change the size.
        try Data("id\nR1\nR2\nR3\n".utf8).write(to: URL(fileURLWithPath: path))
        let grown = try #require(throws: ImportCheckpointError.self) { try store.load() }
        #expect(grown.detail?.contains("size") == true)
    }

    @Test func refusesADamagedCheckpoint() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("leads.csv", "id\n")
        _ = directory.file("leads.csv.import-state.json", "{\"version\":")
        let error = try #require(throws: ImportCheckpointError.self) { try ImportCheckpointStore(dataPath: path).load() }
        #expect(error.code == .unreadable)
    }

    @Test func fnv1aMatchesKnownVectors() {
        #expect(FileFingerprint.fnv1a64([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(FileFingerprint.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(FileFingerprint.fnv1a64(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }
}

@Suite struct ReportTests {
    @Test func countsOutcomesAndCodes() {
        var report = ImportReport()
        report.record(.accepted(leadID: "L1", sourceRecordID: "R1"))
        report.record(.duplicate(sourceRecordID: "R1"))
        let problem = RowProblem(code: "ssn.invalid-area", field: "person.identifiers[0].value", message: "invalid area")
        report.record(.rejected(sourceRecordID: "R2", problems: [problem, problem]))
        report.record(.rejected(sourceRecordID: nil, problems: [.missingRecordID(column: "id")]))
        #expect(report.counts == ImportCounts(accepted: 1, rejected: 2, duplicate: 1))
        #expect(report.counts.total == 4)
        #expect(report.rejectionCodes == ["ssn.invalid-area": 1, "import.missing-record-id": 1])
    }

    @Test func writesOneJSONLinePerRowWithoutValues() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/report.jsonl"
        let entries = [
            RowReportEntry(row: 2, byteOffset: 10, outcome: .accepted(leadID: "L1", sourceRecordID: "R1")),
            RowReportEntry(
                row: 3, byteOffset: 30,
                outcome: .rejected(
                    sourceRecordID: "R2",
                    problems: [.dateFormatMismatch(field: "person.dateOfBirth", column: "dob", format: DateFormat("DD/MM/YYYY")!)])),
            RowReportEntry(row: 4, byteOffset: 50, outcome: .duplicate(sourceRecordID: "R1")),
        ]
        do {
            let writer = try ImportReportWriter(path: path)
            for entry in entries.prefix(2) { try writer.write(entry) }
        }
        // A resumed run appends.
        try ImportReportWriter(path: path).write(entries[2])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"codes\":[\"import.date-format-mismatch\"]"))
        #expect(lines[1].contains("\"outcome\":\"rejected\""))
        let decoded = try lines.map { try JSONDecoder().decode(RowReportEntry.self, from: Data($0.utf8)) }
        #expect(decoded == entries)
    }
}
