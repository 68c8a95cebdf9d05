import Foundation
import IngestService
import LeadTracContracts
import LeadTracMessaging
import LeadTracStorage
import LeadTracTesting
import Testing

extension Integration {
    /// `leadtrac import` (the real binary) into a running ingest, through the real broker and database.
    @Suite struct BatchImportTests {
        static let rows = 100_000

        /// Row i: synthetic person; every 100th (i % 100 == 7) has an invalid SSN area; every 500th
        /// (i % 500 == 3) repeats the previous row's record id.
        private func writeExtract(to path: String) throws {
            var text = "record_id,first,last,dob,ssn\n"
            for i in 0..<Self.rows {
                let id = i % 500 == 3 ? "REC-\(i - 1)" : "REC-\(i)"
                let ssn = i % 100 == 7 ? "666-12-\(String(format: "%04d", i % 10_000 + 1))" : "773-\(String(format: "%02d", i % 90 + 10))-\(String(format: "%04d", i % 9_000 + 1000))"
                let given = ["Avery", "Jordan", "Quinn", "Rowan", "Sasha", "Emery", "Noor"][i % 7]
                text += "\(id),\(given),\"Testperson-Sample\",\(1950 + i % 50)-0\(1 + i % 9)-1\(i % 9),\(ssn)\n"
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        private let mapping = """
            format: csv
            header: true
            defaults: { kind: person, category: overstay }
            columns:
              record_id: { field: sourceRecordId }
              first: { field: person.name.given }
              last: { field: person.name.family }
              dob: { field: person.dateOfBirth }
              ssn: { field: person.identifiers, identifierType: ssn }
            """

        private func importRun(_ file: String, mapping: String, source: String, queue: String? = nil) throws -> ServiceProcess {
            try ServiceProcess(
                "leadtrac",
                arguments: ["import", file, "--mapping", mapping, "--source", source, "--amqp-url", TestServers.amqpURL, "--quiet"]
                    + (queue.map { ["--queue", $0] } ?? []))
        }

        private func leads(_ harness: SpineHarness, source: String) throws -> (rows: Int, distinct: Int) {
            try harness.withDatabase { db in
                let row = try db.execute(
                    "SELECT count(*), count(DISTINCT source_record_id) FROM \(harness.schema).leads WHERE source_system = $1",
                    [PGValue("import/\(source)")]
                ).rows[0]
                return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1))
            }
        }

        @Test func importReportsExactCountsAndAnInterruptedImportResumesWithoutDuplicates() throws {
            let harness = try SpineHarness(
                prefix: "import",
                service: { schema, queue in
                    Ingest.descriptor(
                        schema: schema,
                        queue: QueueSpec(name: queue, bindings: [.init(exchange: Exchange.inbound, routingKey: InboundLeadType.importedRow.rawValue)]))
                },
                observedRoutingKey: { schema in "none.\(schema)" })
            defer { harness.remove() }
            try harness.start()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(harness.schema)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let mappingFile = folder.appendingPathComponent("mapping.yaml").path
            try mapping.write(toFile: mappingFile, atomically: true, encoding: .utf8)
            let expected = (accepted: Self.rows - Self.rows / 100 - Self.rows / 500, rejected: Self.rows / 100, duplicate: Self.rows / 500)

            // 1. One uninterrupted run: exact counts in the summary and the report. Its rows go to a
            //    queue of their own (ingest handles the same rows in part 2; once is enough here).
            let sink = harness.schema + ".sink"
            _ = try BrokerTool.withConnection { try $0.declareQueue(sink, arguments: ["x-queue-type": "quorum"]) }
            defer { BrokerTool.deleteQueues([sink]) }
            let extract = folder.appendingPathComponent("extract.csv").path
            try writeExtract(to: extract)
            let run = try importRun(extract, mapping: mappingFile, source: "whole", queue: sink)
            #expect(run.waitForExit(timeout: .seconds(300)) == 0, "\(run.log)")
            #expect(run.log.contains("accepted \(expected.accepted) rejected \(expected.rejected) duplicate \(expected.duplicate)"), "\(run.log)")
            #expect(run.log.contains("ssn.invalid-area\t\(Self.rows / 100)"))
            let reportLines = try String(contentsOfFile: extract + ".report.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(reportLines.count == Self.rows)
            #expect(!FileManager.default.fileExists(atPath: extract + ".import-state.json"), "a finished import leaves no checkpoint")
            #expect(try BrokerTool.messageCount(sink) == expected.accepted, "every accepted row published once, duplicates not at all")

            // 2. The same extract under another source name, killed midway and run again.
            let second = folder.appendingPathComponent("second.csv").path
            try writeExtract(to: second)
            let interrupted = try importRun(second, mapping: mappingFile, source: "resumed")
            #expect(eventually(timeout: .seconds(60)) {
                guard let data = FileManager.default.contents(atPath: second + ".import-state.json"),
                    let state = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                else { return false }
                return (state["rowsDone"] as? Int ?? 0) >= Self.rows / 5
            })
            interrupted.kill9()
            let resumed = try importRun(second, mapping: mappingFile, source: "resumed")
            #expect(resumed.waitForExit(timeout: .seconds(300)) == 0, "\(resumed.log)")
            #expect(resumed.log.contains("accepted \(expected.accepted) rejected \(expected.rejected) duplicate \(expected.duplicate)"), "\(resumed.log)")
            let resumedLines = try String(contentsOfFile: second + ".report.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(resumedLines.count == Self.rows, "each row reported once across both runs")
            #expect(eventually(timeout: .seconds(300)) { try leads(harness, source: "resumed").rows == expected.accepted })
            harness.stopAndWait()
            let final = try leads(harness, source: "resumed")
            #expect(final.rows == expected.accepted && final.distinct == expected.accepted, "no duplicate leads")
        }
    }
}
