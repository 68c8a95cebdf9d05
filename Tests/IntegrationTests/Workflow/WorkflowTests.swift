import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Testing
import WorkflowCore
import WorkflowService

extension Integration {
    /// The workflow end to end on a fresh schema: a lead from the feed reaches the queue and
    /// goes through workup and review to referral and closure; concurrency is guarded.
    @Suite struct WorkflowTests {
        @Test func leadGoesFromQueueThroughReviewToReferralAndClosure() async throws {
            let world = try await WorkflowWorld.make()
            let ana = try await world.token("ana", .analyst)
            let rob = try await world.token("rob", .reviewer)
            let subjectID = try world.queueLead("lead-1", alienNumber: "A012345671")

            // Take-next gives the queued lead to the analyst.
            let taken = try await world.api.request("POST", "/queues/next", token: ana, json: "{}")
            #expect(taken.status == 200)
            #expect(taken.object["leadId"] as? String == "lead-1")
            #expect(taken.object["state"] as? String == "inWorkup")
            #expect(taken.object["assignee"] as? String == "ana")
            var version = try #require(taken.version)

            // A note and a finding, then submit.
            let note = try await world.api.request(
                "POST", "/leads/lead-1/notes", token: ana, json: #"{"finding": {"kind": "address", "fields": {"state": "NY", "zip": "10001"}, "source": "DMV"}}"#,
                headers: ["If-Match": "\"v\(version)\""])
            #expect(note.status == 201)
            var answer = try await world.command("lead-1", #"{"command": "submit"}"#, version: version, token: ana)
            #expect(answer.status == 200)
            version = try #require(answer.version)

            // The analyst cannot review their own lead, even holding the reviewer role.
            let both = try await world.token("ana", .analyst, .reviewer)
            let selfReview = try await world.command("lead-1", #"{"command": "approve", "disposition": "viableRefer"}"#, version: version, token: both)
            #expect(selfReview.status == 403)
            #expect(selfReview.problemCode == "workflow.self-review")

            // Returned with a reason, resumed, resubmitted, approved as viable → referred.
            answer = try await world.command("lead-1", #"{"command": "return", "reason": "confirm the address"}"#, version: version, token: rob)
            #expect(answer.object["state"] as? String == "returned")
            answer = try await world.command("lead-1", #"{"command": "resume"}"#, version: try #require(answer.version), token: ana)
            answer = try await world.command("lead-1", #"{"command": "submit"}"#, version: try #require(answer.version), token: ana)
            answer = try await world.command(
                "lead-1", #"{"command": "approve", "disposition": "viableRefer"}"#, version: try #require(answer.version), token: rob)
            #expect(answer.status == 200)
            #expect(answer.object["state"] as? String == "referred")
            let history = try #require(answer.object["history"] as? [[String: Any]])
            #expect(history.map { $0["command"] as? String } == ["take", "submit", "return", "resume", "submit", "approve"])

            // A referral for case management, with the responsible office.
            let referrals = try world.published(on: world.outbound, mentioning: "lead-1", atLeast: 1)
            #expect(referrals.map(\.type) == [EventType.referralCreated])
            #expect(referrals.first?.body.contains(#""officeMatch""#) == true)

            // Case management closes the case: the lead closes, stop-updates once for the subject.
            let closed = CaseClosed(referralID: nil, leadID: "lead-1", caseID: "CASE-9", closedAt: Date(), outcome: "removed")
            try BrokerTool.publish([
                CloudEvent(id: "closed-1", source: "case-management", type: EventType.caseClosed, data: Array(try ContractCoding.encoder().encode(closed)))
                    .message(exchange: "", routingKey: world.caseQueue)
            ])
            #expect(eventually(timeout: .seconds(30)) { try world.state(of: "lead-1") == "closed" })
            #expect(eventually(timeout: .seconds(10)) {
                try world.harness.withDatabase { db in
                    try db.execute("SELECT count(*) FROM \(world.harness.schema).stop_updates WHERE subject_id = $1", [PGValue(subjectID)])
                        .rows[0].decode(Int.self, at: 0) == 1
                }
            })
            let stops = try world.published(on: world.outbound, mentioning: subjectID, atLeast: 1)
            #expect(stops.map(\.type) == [EventType.adisStopUpdates])
            // Every view and change was audited.
            let audited = try world.published(on: world.audit, mentioning: "lead-1", atLeast: 7).map(\.type)
            #expect(audited.contains("audit.workflow.lead.take"))
            #expect(audited.contains("audit.workflow.lead.finding.create"))
            #expect(audited.filter { $0 == "audit.workflow.lead.submit" }.count == 2)
            #expect(audited.contains("audit.workflow.lead.approve"))
            await world.remove()
        }

        @Test func concurrentEditsOneWinsTheOtherGets412() async throws {
            let world = try await WorkflowWorld.make()
            let ana = try await world.token("ana", .analyst)
            let sue = try await world.token("sue", .supervisor)
            try world.queueLead("lead-2", alienNumber: "A012345672")
            let taken = try await world.api.request("POST", "/queues/next", token: ana, json: "{}")
            let version = try #require(taken.version)
            async let submit = world.command("lead-2", #"{"command": "submit"}"#, version: version, token: ana)
            async let release = world.command("lead-2", #"{"command": "release", "reason": "reassigning"}"#, version: version, token: sue)
            let statuses = [try await submit.status, try await release.status].sorted()
            #expect(statuses == [200, 412])
            let missing = try await world.api.request("POST", "/leads/lead-2/commands", token: ana, json: #"{"command": "submit"}"#)
            #expect(missing.status == 428)
            await world.remove()
        }

        @Test func twoAnalystsTakingAtOnceGetDifferentLeads() async throws {
            let world = try await WorkflowWorld.make()
            for index in 0..<4 { try world.queueLead("lead-t\(index)", alienNumber: "A01234568\(index)") }
            let tokens = [try await world.token("ana", .analyst), try await world.token("ari", .analyst)]
            async let first = world.api.request("POST", "/queues/next", token: tokens[0], json: "{}")
            async let second = world.api.request("POST", "/queues/next", token: tokens[1], json: "{}")
            let leads = [try await first.object["leadId"] as? String, try await second.object["leadId"] as? String]
            #expect(leads.allSatisfy { $0 != nil })
            #expect(leads[0] != leads[1])
            await world.remove()
        }

        @Test func pendingLeadReopensOnAnArrivalDepartureUpdate() async throws {
            let world = try await WorkflowWorld.make()
            let ana = try await world.token("ana", .analyst)
            let rob = try await world.token("rob", .reviewer)
            try world.queueLead("lead-3", alienNumber: "A012345673")
            var answer = try await world.api.request("POST", "/queues/next", token: ana, json: "{}")
            answer = try await world.command("lead-3", #"{"command": "submit"}"#, version: try #require(answer.version), token: ana)
            answer = try await world.command(
                "lead-3", #"{"command": "approve", "disposition": "nonViablePending"}"#, version: try #require(answer.version), token: rob)
            #expect(answer.object["state"] as? String == "pending")

            try world.publishDeparture(alienNumber: "A012345673")
            #expect(eventually(timeout: .seconds(30)) { try world.state(of: "lead-3") == "queued" })
            let detail = try await world.api.request("GET", "/leads/lead-3", token: ana)
            #expect(detail.object["reopenedChanges"] as? [String] == ["departure"])
            await world.remove()
        }

        @Test func weeklyExtractRunsOncePerWeek() async throws {
            let world = try await WorkflowWorld.make()
            try world.queueLead("lead-low", tier: "belowThreshold", points: 5, alienNumber: "A012345674")
            let schema = world.harness.schema
            // The lead was queued two weeks ago.
            _ = try world.harness.withDatabase { db in
                try db.execute("UPDATE \(schema).leads SET queued_at = now() - interval '14 days' WHERE lead_id = 'lead-low'")
            }
            let job = WeeklyExtractJob(schema: schema, directory: world.extracts, service: "workflow")
            // Two instances at once, then a rerun: one extract for the week.
            async let a: [String] = Task.detached { try world.harness.withDatabase { try job.run(on: $0, logger: .init(label: "t")) } }.value
            async let b: [String] = Task.detached { try world.harness.withDatabase { try job.run(on: $0, logger: .init(label: "t")) } }.value
            let runs = [try await a, try await b]
            let again = try world.harness.withDatabase { try job.run(on: $0, logger: .init(label: "t")) }
            #expect(runs.flatMap { $0 }.count == 1)
            #expect(again.isEmpty)
            let (extracts, events) = try world.harness.withDatabase { db in
                (
                    try db.execute("SELECT week, lead_count, file FROM \(schema).weekly_extracts").rows.map {
                        (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode(String.self, at: 2))
                    },
                    try db.execute("SELECT count(*) FROM \(schema).outbox WHERE routing_key = $1", [PGValue(EventType.eroWeeklyExtract)])
                        .rows[0].decode(Int.self, at: 0)
                )
            }
            #expect(extracts.count == 1)
            #expect(extracts.first?.1 == 1)
            let file = try String(contentsOfFile: world.extracts + "/" + (extracts.first?.2 ?? ""), encoding: .utf8)
            #expect(file.contains("lead-low"))
            #expect(events <= 1, "the event is published once (the relay may already have sent it)")
            await world.remove()
        }

        @Test func statisticsCarryNoPersonalData() async throws {
            let world = try await WorkflowWorld.make()
            try world.queueLead("lead-s", given: "Zebedee", alienNumber: "A012345675")
            let sue = try await world.token("sue", .supervisor)
            let stats = try await world.api.request("GET", "/stats", token: sue)
            #expect(stats.status == 200)
            let text = String(decoding: stats.body, as: UTF8.self)
            #expect((stats.object["byState"] as? [String: Int])?["queued"] == 1)
            #expect((stats.object["receivedByWeek"] as? [String: Int])?[ExtractWeek(containing: Date()).key] == 1)
            for personal in ["Zebedee", "Testperson", "012345675", "lead-s", "subject-lead-s", "Sample Street"] {
                #expect(!text.contains(personal), "statistics must not contain \(personal)")
            }
            await world.remove()
        }

        @Test func providerResultsStayUnconfirmedUntilTheAnalystDecides() async throws {
            let world = try await WorkflowWorld.make()
            let ana = try await world.token("ana", .analyst)
            try world.queueLead("lead-e", alienNumber: "A012345676")
            let asked = try await world.api.request(
                "POST", "/leads/lead-e/enrichment-requests", token: ana, json: #"{"purpose": "locate-current-address", "wanted": ["address"]}"#)
            #expect(asked.status == 202)
            let requestID = try #require(asked.object["requestId"] as? String)

            let completed = EnrichmentCompleted(
                requestID: requestID, leadID: "lead-e",
                items: [
                    .init(itemID: "item-1", kind: "address", fields: ["line1": "9 Other Road", "state": "NJ"], provider: "provider-a", observedAt: nil),
                    .init(itemID: "item-2", kind: "phone", fields: ["number": "+12025550100"], provider: "provider-a", observedAt: nil),
                ],
                completedAt: Date())
            try world.harness.publishToQueue([
                CloudEvent(id: "enr-1", source: "leadtrac/provider-gateway", type: EventType.enrichmentCompleted,
                           data: Array(try ContractCoding.encoder().encode(completed)))
            ])
            var detail = try await world.api.request("GET", "/leads/lead-e", token: ana)
            for _ in 0..<100 where (detail.object["enrichmentItems"] as? [Any])?.count != 2 {
                try await Task.sleep(for: .milliseconds(100))
                detail = try await world.api.request("GET", "/leads/lead-e", token: ana)
            }
            let items = try #require(detail.object["enrichmentItems"] as? [[String: Any]])
            #expect(items.map { $0["status"] as? String } == ["unconfirmed", "unconfirmed"])

            let accepted = try await world.api.request(
                "POST", "/leads/lead-e/enrichment-items/item-1/decision", token: ana, json: #"{"decision": "accept"}"#)
            #expect(accepted.status == 200)
            let notes = try #require(accepted.object["notes"] as? [[String: Any]])
            let finding = try #require(notes.first?["finding"] as? [String: Any])
            #expect(finding["source"] as? String == "provider:provider-a", "provider data stays marked as such")
            let rejected = try await world.api.request(
                "POST", "/leads/lead-e/enrichment-items/item-2/decision", token: ana, json: #"{"decision": "reject"}"#)
            let after = try #require(rejected.object["enrichmentItems"] as? [[String: Any]])
            #expect(after.map { $0["status"] as? String } == ["accepted", "rejected"])
            let twice = try await world.api.request(
                "POST", "/leads/lead-e/enrichment-items/item-2/decision", token: ana, json: #"{"decision": "accept"}"#)
            #expect(twice.status == 409)
            await world.remove()
        }

        @Test func protectedSubjectIsNeverSentToProviders() async throws {
            let world = try await WorkflowWorld.make()
            let ana = try await world.token("ana", .analyst)
            try world.queueLead("lead-p", alienNumber: "A012345677", protected: true)
            let refused = try await world.api.request(
                "POST", "/leads/lead-p/enrichment-requests", token: ana, json: #"{"purpose": "locate-current-address", "wanted": ["address"]}"#)
            #expect(refused.status == 409)
            #expect(refused.problemCode == "enrichment.protected-subject")
            let sent = try world.harness.withDatabase { db in
                try db.execute("SELECT count(*) FROM \(world.harness.schema).enrichment_requests").rows[0].decode(Int.self, at: 0)
            }
            #expect(sent == 0)
            await world.remove()
        }
    }
}
