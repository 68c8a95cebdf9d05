import Foundation
import IngestCore
import IngestService
import LeadTracContracts
import LeadTracMessaging
import LeadTracTesting

/// `leadtrac bench ingest`: the upstream feed through the real ingest handler, broker and
/// database: synthetic targeting-feed leads are queued first, then timed from the moment the
/// ingest consumer starts until every `lead.received.v1` has been published.
struct IngestBenchmark {
    func feed(leads: Int, batchSize: Int, seed: UInt64) throws -> (seconds: Double, rate: Double) {
        let harness = try SpineHarness(
            prefix: "bench_ingest",
            service: { schema, queue in Ingest.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
            observedRoutingKey: { _ in EventType.leadReceived }, privateEvents: true)
        defer { harness.remove() }
        harness.batchSize = batchSize
        var generator = SeededGenerator(seed: seed)
        var events: [CloudEvent] = []
        events.reserveCapacity(leads)
        for index in 0..<leads {
            var lead = SyntheticLead.make(index: index, using: &generator)
            lead["sourceRecordId"] = "BENCH-\(seed)-\(index)"
            events.append(
                CloudEvent(
                    id: EventID.derive(from: "bench-\(seed)", type: SyntheticLead.type, discriminator: "\(index)"),
                    source: "bench/targeting", type: SyntheticLead.type,
                    data: Array(try JSONSerialization.data(withJSONObject: lead, options: [.sortedKeys]))))
        }
        try harness.publishToQueue(events)

        let start = ContinuousClock.now
        try harness.start()
        var published = 0
        let deadline = start + .seconds(900)
        while published < leads, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            published = try BrokerTool.messageCount(harness.observer)
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard published >= leads else { throw BenchmarkError(message: "only \(published) of \(leads) leads arrived") }
        return (seconds, Double(leads) / seconds)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension IngestBenchmark {
    /// `leadtrac import` of `rows` generated leads (JSON Lines), timed end to end on the client:
    /// read, map, normalise, report, publish with confirms, checkpoint. The rows go to a scratch
    /// queue that is deleted afterwards. Returns seconds and the process's peak resident memory.
    func importFile(rows: Int, seed: UInt64) throws -> (seconds: Double, rate: Double, peakMemoryMB: Double, counts: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestServers.uniqueName("bench_import"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("leads.jsonl").path
        // Generation and import each run as a child process (this executable): the import's peak
        // memory is then its own, not inherited from a parent holding the generated population.
        let people = max(1, Int(Double(rows) * 0.77))
        let dupRate = 1 - Double(people) / Double(rows)
        let generated = try runChild(
            ["generate", "--people", "\(people)", "--dup-rate", "\(dupRate)", "--seed", "\(seed)", "--out", file,
             "--labels", folder.appendingPathComponent("labels.csv").path])
        guard generated.0 == 0 else { throw BenchmarkError(message: "leadtrac generate exited \(generated.0)") }
        let queue = folder.lastPathComponent
        _ = try BrokerTool.withConnection { try $0.declareQueue(queue, arguments: ["x-queue-type": "quorum"]) }
        defer { BrokerTool.deleteQueues([queue]) }

        let mappingFile = folder.appendingPathComponent("mapping.yaml").path
        try "format: jsonl\ndefaults: { kind: person, category: overstay }\n".write(toFile: mappingFile, atomically: true, encoding: .utf8)
        // The import runs as its own process (this executable), so its peak memory is its own and
        // not the generator's.
        let start = ContinuousClock.now
        let (status, peakKB, output) = try runChild(
            ["import", file, "--mapping", mappingFile, "--source", "bench", "--queue", queue, "--quiet",
             "--amqp-url", TestServers.amqpURL])
        let seconds = (ContinuousClock.now - start).seconds
        guard status == 0 else { throw BenchmarkError(message: "leadtrac import exited \(status): \(output)") }
        let counts = output.split(separator: "\n").first.map(String.init) ?? ""
        return (seconds, Double(rows) / seconds, Double(peakKB) / 1024, counts)
    }

    /// Runs this executable with `arguments`; returns its exit status, peak RSS (KiB) and output.
    private func runChild(_ arguments: [String]) throws -> (Int32, Int, String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(TestServers.uniqueName("child")).path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let executable = "/proc/self/exe"
        let argv = ([CommandLine.arguments[0]] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError(message: "cannot start leadtrac import: errno \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xFF, usage.ru_maxrss, text)
    }
}
