import Foundation
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
            observedRoutingKey: { _ in EventType.leadReceived })
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
