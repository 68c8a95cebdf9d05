import Foundation
import IngestService
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracTesting
import Testing

extension Integration {
    /// The arrival/departure system's weekly updates: validated with the lead rules, stored
    /// once per source record, announced as `arrival-departure.received.v1`; bad ones rejected.
    @Suite struct TravelUpdateFeedTests {
        private func harness() throws -> SpineHarness {
            try SpineHarness(
                prefix: "adis",
                service: { schema, queue in Ingest.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
                observedRoutingKey: { _ in "arrival-departure.received.*" })
        }

        private func update(id: String, body: [String: Any]) throws -> CloudEvent {
            CloudEvent(
                id: id, source: "test/adis", type: InboundTravelUpdate.type, time: Date(timeIntervalSince1970: 1_790_000_000),
                data: Array(try JSONSerialization.data(withJSONObject: body)))
        }

        static var departure: [String: Any] { [
            "sourceRecordId": "U-1", "upstreamPersonId": "ADIS-000123",
            "identifiers": [["type": "alienNumber", "value": "A012345678"]],
            "events": [["direction": "departure", "date": "2026-05-02", "port": "JFK"]],
            "statusChanges": [["status": "Adjusted", "effectiveOn": "2026-04-30"]],
        ] }

        @Test func updateIsAnnouncedOnceAndItsFieldsNormalised() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            try harness.publishToQueue([try update(id: "u-1", body: Self.departure), try update(id: "u-1-again", body: Self.departure)])
            var observed: [Delivery] = []
            #expect(eventually(timeout: .seconds(30)) {
                observed += try harness.drainObserved()
                return !observed.isEmpty
            })
            Thread.sleep(forTimeInterval: 0.5)
            observed += try harness.drainObserved()
            #expect(observed.count == 1, "a re-sent update is announced once")
            let event = try CloudEvent(delivery: try #require(observed.first))
            #expect(event.type == EventType.arrivalDepartureReceived)
            let received = try JSONDecoder.iso.decode(ArrivalDepartureReceived.self, from: Data(event.data))
            #expect(received.update.upstreamPersonID == "ADIS-000123")
            #expect(received.update.events.map(\.direction) == [.departure])
            #expect(received.update.statusChanges.map(\.status) == [.adjusted])
            #expect(received.update.identifiers.first?.value == "012345678", "alien number keeps its leading zero")
            #expect(received.update.provenance.system == "test/adis")
        }

        @Test func badUpdateIsRejectedWithEveryProblem() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let bad: [String: Any] = [
                "sourceRecordId": "U-2", "statusChanges": [["status": "vanished", "effectiveOn": "2026-04-31"]],
            ]
            try harness.publishToQueue([try update(id: "u-2", body: bad)])
            let dlq = QueueSpec.deadLetterQueue(for: harness.queue)
            #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(dlq) == 1 })
            harness.stopAndWait()
            let rows = try harness.withDatabase { db in
                try db.execute("SELECT reason, problems::text FROM \(harness.schema).rejections").rows.map {
                    (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1))
                }
            }
            #expect(rows.count == 1)
            #expect(rows.first?.0 == "update.invalid")
            let problems = try JSONDecoder().decode([FieldProblem].self, from: Data((rows.first?.1 ?? "[]").utf8))
            #expect(Set(problems.map(\.code.rawValue)) == ["update.person-id-missing", "status.unknown", "date.invalid"])
            #expect(problems.contains { $0.field == "statusChanges[0].status" })
        }
    }
}
