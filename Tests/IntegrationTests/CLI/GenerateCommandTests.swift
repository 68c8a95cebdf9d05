import Foundation
import LeadTracDomain
import LeadTracTesting
import Testing

/// `leadtrac generate` as the binary operators and benchmarks run.
@Suite struct GenerateCommandTests {
    private func generate(seed: Int, into folder: URL) throws -> (leads: [String], labels: [String]) {
        let leads = folder.appendingPathComponent("leads-\(seed).jsonl").path
        let labels = folder.appendingPathComponent("labels-\(seed).csv").path
        let cli = try ServiceProcess(
            "leadtrac",
            arguments: ["generate", "--people", "200", "--dup-rate", "0.3", "--seed", "\(seed)", "--out", leads, "--labels", labels])
        #expect(cli.waitForExit(timeout: .seconds(60)) == 0, "\(cli.log)")
        return (
            try String(contentsOfFile: leads, encoding: .utf8).split(separator: "\n").map(String.init),
            try String(contentsOfFile: labels, encoding: .utf8).split(separator: "\n").map(String.init)
        )
    }

    @Test func writesLabelledLeadsDeterministically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestServers.uniqueName("generate"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let first = try generate(seed: 5, into: folder)
        // 200 people and round(200 × 0.3 / 0.7) = 86 further records of them.
        #expect(first.leads.count == 286)
        #expect(first.labels.count == 287)
        #expect(first.labels.first == "sourceRecordId,personId,corruptions")
        #expect(Set(first.labels.dropFirst().map { $0.split(separator: ",")[1] }).count == 200)
        for line in first.leads.prefix(20) {
            _ = try JSONDecoder().decode(RawLead.self, from: Data(line.utf8))
            #expect(!line.contains("personId"), "the label does not travel with the lead")
        }
        #expect(try generate(seed: 5, into: folder).leads == first.leads, "same seed, same leads")
        #expect(try generate(seed: 6, into: folder).leads != first.leads)
    }
}
