import Foundation
import Testing

@testable import IngestCore

@Suite struct LargeFileTests {
    @Test func readsOneHundredThousandRowsInBoundedMemory() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/large.csv"
        precondition(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        var block = "record_id,family,given,dob,note\n"
        for i in 0..<100_000 {
            block += "R\(i),Testperson\(i % 97),Alex,1990-01-\(String(format: "%02d", i % 28 + 1)),\"note, \"\"\(i)\"\"\"\n"
            if block.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(block.utf8))
                block = ""
            }
        }
        try handle.write(contentsOf: Data(block.utf8))
        try handle.close()

        let chunkSize = 4096
        let reader = try CSVReader(path: path, configuration: CSVConfiguration(chunkSize: chunkSize))
        var count = 0
        var last: CSVRecord?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        #expect(count == 100_000)
        #expect(last?.fields == ["R99999", "Testperson89", "Alex", "1990-01-12", "note, \"99999\""])
        #expect(last?.number == 100_001)
        #expect(reader.maximumBufferedBytes <= 2 * chunkSize)
        #expect(reader.maximumBufferedBytes >= chunkSize)
    }
}
