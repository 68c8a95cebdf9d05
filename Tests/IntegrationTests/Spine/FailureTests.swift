import Foundation
import LeadTracMessaging
import LeadTracRuntime
import LeadTracTesting
import Testing

/// Crashes, restarts and outages in the middle of a stream: every message's effect exists
/// exactly once and every derived event is published (at least once, always with the same id).
extension Integration {
@Suite struct FailureTests {
    /// Every done event's id, and the ids published more than once.
    private func observedIDs(_ harness: SpineHarness) throws -> Set<String> {
        Set(try harness.drainObserved().compactMap(\.properties.messageID))
    }

    private func expectedDoneIDs(count: Int) -> Set<String> {
        Set((0..<count).map { EventID.derive(from: "work-\($0)", type: Probe.doneType) })
    }

    @Test func killMinus9MidStreamLosesAndDuplicatesNothing() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        let total = 10_000
        try harness.publish(count: total)

        var probe = try ServiceProcess.probe(schema: harness.schema, queue: harness.queue)
        #expect(eventually(timeout: .seconds(120)) { try harness.effects().total >= 2_000 })
        probe.kill9()
        let atKill = try harness.effects().total
        #expect(atKill < total, "the kill must land mid-stream")

        probe = try ServiceProcess.probe(schema: harness.schema, queue: harness.queue)
        #expect(eventually(timeout: .seconds(180)) { try harness.effects().total >= total })
        #expect(eventually(timeout: .seconds(60)) { try harness.outboxBacklog() == 0 })
        probe.terminate()
        #expect(probe.waitForExit(timeout: .seconds(30)) == 0)

        #expect(try harness.effects() == (total, total), "each effect exactly once")
        #expect(try BrokerTool.messageCount(harness.queue) == 0, "nothing left unacked")
        #expect(try observedIDs(harness) == expectedDoneIDs(count: total), "every derived event published, same ids")
    }

    /// A service running several loops on one queue (`ServiceDescriptor.Consumer.instances`, the
    /// matcher's `LEADTRAC_MATCH_CONSUMERS`): each loop is a consumer of its own, and a kill -9
    /// of the process with both mid-batch loses and duplicates nothing.
    @Test func competingLoopsInOneProcessSurviveKillMinus9() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        let total = 6_000
        try harness.publish(count: total)

        var probe = try ServiceProcess.probe(schema: harness.schema, queue: harness.queue, batchSize: 10, instances: 2)
        #expect(eventually(timeout: .seconds(60)) { try BrokerTool.consumerCount(harness.queue) == 2 })
        #expect(eventually(timeout: .seconds(120)) { try harness.effects().total >= 1_000 })
        probe.kill9()
        #expect(try harness.effects().total < total, "the kill must land mid-stream")

        probe = try ServiceProcess.probe(schema: harness.schema, queue: harness.queue, batchSize: 10, instances: 2)
        #expect(eventually(timeout: .seconds(180)) { try harness.effects().total >= total })
        #expect(eventually(timeout: .seconds(60)) { try harness.outboxBacklog() == 0 })
        probe.terminate()
        #expect(probe.waitForExit(timeout: .seconds(30)) == 0, "clean exit; log: \(probe.log)")

        #expect(try harness.effects() == (total, total), "each effect exactly once")
        #expect(try BrokerTool.messageCount(harness.queue) == 0, "nothing left unacked")
        #expect(try observedIDs(harness) == expectedDoneIDs(count: total), "every derived event published, same ids")
    }

    @Test func sigtermWhileBusyExitsCleanlyAndLosesNothing() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        let total = 10_000
        try harness.publish(count: total)

        var probe = try ServiceProcess.probe(schema: harness.schema, queue: harness.queue)
        #expect(eventually(timeout: .seconds(120)) { try harness.effects().total >= 1_000 })
        probe.terminate()
        #expect(probe.waitForExit(timeout: .seconds(30)) == 0, "clean exit; log: \(probe.log)")
        let atStop = try harness.effects()
        #expect(atStop.total == atStop.distinct)
        #expect(try harness.outboxBacklog() == 0, "the relay flushed the outbox before exiting")
        #expect(try BrokerTool.messageCount(harness.observer) == atStop.total, "an event for every committed effect")

        probe = try ServiceProcess.probe(schema: harness.schema, queue: harness.queue)
        #expect(eventually(timeout: .seconds(180)) { try harness.effects().total >= total })
        #expect(eventually(timeout: .seconds(60)) { try harness.outboxBacklog() == 0 })
        probe.terminate()
        #expect(probe.waitForExit(timeout: .seconds(30)) == 0)
        #expect(try harness.effects() == (total, total))
        #expect(try BrokerTool.messageCount(harness.queue) == 0)
        #expect(try observedIDs(harness) == expectedDoneIDs(count: total))
    }

    @Test func brokerRestartMidStreamReconnectsAndLosesNothing() throws {
        try expectStreamSurvives { _ in
            let status = try runLocalScript("rabbitmq.sh", "restart")
            #expect(status == 0)
        }
    }

    @Test func databaseStoppedForTenSecondsMidStreamRecoversWithoutDuplicates() throws {
        try expectStreamSurvives { harness in
            let stopped = try runLocalScript("postgres.sh", "stop")
            Thread.sleep(forTimeInterval: 10)
            let queued = try BrokerTool.messageCount(harness.queue)
            let started = try runLocalScript("postgres.sh", "start")
            #expect(stopped == 0 && started == 0)
            #expect(queued > 0, "messages stay queued while the database is down")
        }
    }

    /// Streams 5,000 messages through a running consumer, calls `disruption` once 500 are done,
    /// and expects every effect exactly once and every derived event published with its id.
    private func expectStreamSurvives(_ disruption: (SpineHarness) throws -> Void) throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        let total = 5_000
        try harness.publish(count: total)
        try harness.start()
        #expect(eventually(timeout: .seconds(120)) { try harness.effects().total >= 500 })

        try disruption(harness)

        #expect(eventually(timeout: .seconds(180)) { try harness.effects().total >= total })
        #expect(eventually(timeout: .seconds(60)) { try harness.outboxBacklog() == 0 })
        harness.stopAndWait()
        #expect(try harness.effects() == (total, total), "each effect exactly once")
        #expect(try BrokerTool.messageCount(harness.queue) == 0, "nothing left unacked")
        #expect(try observedIDs(harness) == expectedDoneIDs(count: total))
    }
}
}
