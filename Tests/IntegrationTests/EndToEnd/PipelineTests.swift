import Foundation
import IngestService
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import MatcherService
import PrioritizerService
import Testing
import WorkflowService

extension Integration {
    /// The pipeline end to end on the real exchanges: a lead published by the targeting system on
    /// `leadtrac.inbound` goes through ingest, the matcher and the prioritizer (each a real
    /// service on a fresh schema, bound as in production) and reaches the workflow's queue with
    /// its priority, where an analyst takes it.
    @Suite struct PipelineTests {
        @Test func aLeadFromTheFeedReachesTheWorkQueuePrioritized() async throws {
            func bound(_ spec: QueueSpec) -> (String) -> QueueSpec { { QueueSpec(name: $0, bindings: spec.bindings) } }
            let ingest = try SpineHarness(
                prefix: "e2e_ingest", service: { schema, queue in Ingest.descriptor(schema: schema, queue: bound(Ingest.queues[0])(queue)) })
            let matcher = try SpineHarness(
                prefix: "e2e_matcher", service: { schema, queue in Matcher.descriptor(schema: schema, queue: bound(Matcher.queues[0])(queue)) })
            let prioritizer = try SpineHarness(
                prefix: "e2e_prio",
                service: { schema, queue in Prioritizer.descriptor(schema: schema, queue: bound(Prioritizer.queues[0])(queue)) })
            let workflow = try SpineHarness(
                prefix: "e2e_workflow",
                service: { schema, queue in
                    Workflow.descriptor(
                        schema: schema, leadsQueue: bound(Workflow.queues[0])(queue),
                        caseQueue: QueueSpec(name: schema + ".cases", bindings: []))
                })
            let harnesses = [ingest, matcher, prioritizer, workflow]
            defer { harnesses.forEach { $0.remove() } }
            for harness in harnesses { try harness.start() }

            let recordID = "E2E-\(UUID().uuidString.prefix(8))"
            let body: [String: Any] = [
                "sourceRecordId": recordID, "kind": "person", "category": "overstay",
                "person": [
                    "name": ["given": "Avery", "family": "Pipelineperson"], "dateOfBirth": "1987-04-12",
                    "citizenship": "MEX", "identifiers": [["type": "passport", "value": "X765432", "issuingCountry": "MEX"]],
                    "riskIndicators": ["wants-and-warrants"],
                ],
            ]
            try BrokerTool.publish([
                CloudEvent(
                    id: "e2e-\(recordID)", source: "test/targeting", type: InboundLeadType.targetingOverstayLead.rawValue,
                    data: Array(try JSONSerialization.data(withJSONObject: body))
                ).message(exchange: Exchange.inbound, routingKey: InboundLeadType.targetingOverstayLead.rawValue)
            ])

            // Other traffic on the shared exchanges may reach these queues too: follow our lead by its id.
            func ingested() throws -> String? {
                try ingest.withDatabase { db in
                    try db.execute("SELECT lead_id::text FROM \(ingest.schema).leads WHERE source_record_id = $1", [PGValue(recordID)])
                        .rows.first?.decode(String.self, at: 0)
                }
            }
            #expect(eventually(timeout: .seconds(30)) { try ingested() != nil })
            let leadID = try #require(try ingested())
            func queued() throws -> (state: String, tier: String?)? {
                try workflow.withDatabase { db in
                    try db.execute(
                        "SELECT state, tier FROM \(workflow.schema).leads WHERE lead_id = $1 AND subject_id IS NOT NULL", [PGValue(leadID)]
                    ).rows.first.map { (try $0.decode(String.self, at: 0), try $0.decode(String?.self, at: 1)) }
                }
            }
            #expect(eventually(timeout: .seconds(60)) { try queued()?.tier != nil })
            let (state, tier) = try #require(try queued())
            #expect(state == "queued")
            #expect(tier == "P2", "an open wants-and-warrants indicator puts it in P2 under the default rules")
            // Only our lead may be taken: make the queue hold nothing else.
            _ = try workflow.withDatabase { db in
                try db.execute("DELETE FROM \(workflow.schema).leads WHERE lead_id <> $1", [PGValue(leadID)])
            }

            let api = try await APITestServer.start(workflow.descriptor, schema: workflow.schema)
            let token = try await DevelopmentTokenIssuer().token(user: "ana", roles: [.analyst])
            let taken = try await api.request("POST", "/queues/next", token: token, json: "{}")
            #expect(taken.status == 200)
            #expect((taken.json as? [String: Any])?["leadId"] as? String == leadID)
            await api.stop()
        }
    }
}
