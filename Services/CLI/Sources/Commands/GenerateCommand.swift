import ArgumentParser
import Foundation
import LeadTracSynthetic

/// `leadtrac generate`: labelled synthetic leads for tests, demos and the matching benchmark.
///
/// Writes the leads as JSON Lines (one RawLead per line with its `sourceRecordId`) and, apart,
/// the labels (`sourceRecordId,personId,corruptions`), so a benchmark can score matches
/// without the answer travelling with the data. The same seed gives the same bytes.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write labelled synthetic leads with realistic errors (JSON Lines + labels CSV).")

    @Option(help: "How many true people.") var people = 1_000
    @Option(name: .customLong("dup-rate"), help: "Fraction of leads that are further records of a person (0..<1).")
    var dupRate = 0.3
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Leads file (JSON Lines).") var out = "leads.jsonl"
    @Option(help: "Labels file (CSV).") var labels = "labels.csv"

    func validate() throws {
        guard people > 0 else { throw ValidationError("--people must be positive") }
        guard (0..<1).contains(dupRate) else { throw ValidationError("--dup-rate must be at least 0 and below 1") }
    }

    func run() throws {
        let population = SyntheticPopulation(seed: seed, count: people)
        let stream = SyntheticLeadStream(population: population, duplicateRate: dupRate)
        let leadFile = try LineWriter(path: out)
        let labelFile = try LineWriter(path: labels)
        stream.write(jsonLines: leadFile.write, labels: labelFile.write)
        try leadFile.close()
        try labelFile.close()
        FileHandle.standardError.write(Data(
            "wrote \(stream.count) leads (\(stream.originalCount) people, \(stream.duplicateCount) duplicates) to \(out); labels in \(labels)\n".utf8))
    }
}

/// Buffered line output to a file (constant memory for any number of lines).
final class LineWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ValidationError("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ line: String) {
        buffer += line.utf8
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}
