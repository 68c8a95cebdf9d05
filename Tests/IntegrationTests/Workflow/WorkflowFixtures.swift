import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Testing
import WorkflowService

/// A workflow service on a fresh schema: its consumers and relay (SpineHarness) and its HTTP API
/// (APITestServer), plus helpers that publish what the other services would.
final class WorkflowWorld: @unchecked Sendable {
    let harness: SpineHarness
    let api: APITestServer
    let caseQueue: String
    let extracts: String
    /// Bound to everything on `leadtrac.outbound` and to this service's audit events.
    let outbound: String
    let audit: String
    let issuer = DevelopmentTokenIssuer()

    static func make() async throws -> WorkflowWorld {
        let extracts = FileManager.default.temporaryDirectory.appendingPathComponent(TestServers.uniqueName("extracts")).path
        let harness = try SpineHarness(
            prefix: "workflow",
            service: { schema, queue in
                Workflow.descriptor(
                    schema: schema, leadsQueue: QueueSpec(name: queue, bindings: []),
                    caseQueue: QueueSpec(name: schema + ".cases", bindings: []),
                    environment: Environment(["LEADTRAC_EXTRACT_DIR": extracts]))
            },
            observedRoutingKey: { _ in "lead.state-changed.*" })
        let api = try await APITestServer.start(harness.descriptor, schema: harness.schema)
        try BrokerTool.withConnection { connection in
            for (queue, exchange, key) in [
                (harness.schema + ".outbound", Exchange.outbound, "#"), (harness.schema + ".audit", Exchange.audit, "audit.workflow.#"),
            ] {
                _ = try connection.declareQueue(queue, arguments: ["x-queue-type": "quorum"])
                try connection.bindQueue(queue, exchange: exchange, routingKey: key)
            }
        }
        try harness.start(everyQueue: true)
        return WorkflowWorld(harness: harness, api: api, extracts: extracts)
    }

    private init(harness: SpineHarness, api: APITestServer, extracts: String) {
        self.harness = harness
        self.api = api
        caseQueue = harness.schema + ".cases"
        self.extracts = extracts
        outbound = harness.schema + ".outbound"
        audit = harness.schema + ".audit"
    }

    func remove() async {
        await api.stop()
        harness.remove()
        BrokerTool.deleteQueues([outbound, audit])
        try? FileManager.default.removeItem(atPath: extracts)
    }

    static func canonicalLead(given: String, alienNumber: String, state: String = "NY", zip: String = "10001") throws -> CanonicalLead {
        let raw = RawLead(
            kind: "person", category: "overstay",
            person: RawPerson(
                name: RawName(given: given, family: "Testperson"), dateOfBirth: "1988-03-14", citizenship: "MEX",
                identifiers: [RawIdentifier(type: "alienNumber", value: alienNumber)],
                addresses: [RawAddress(lines: ["12 Sample Street"], city: "Sampletown", state: state, zip: zip, country: "USA")]))
        let provenance = Provenance(
            system: "test/targeting", sourceKind: .upstreamSystem, sourceRecordID: "R-\(alienNumber)", receivedAt: Date())
        switch LeadNormaliser().normalise(raw, provenance: provenance) {
        case .success(let lead): return lead
        case .failure(let failure): throw failure
        }
    }

    /// `arrival-departure.received.v1` for a person known by `alienNumber`: a departure.
    func publishDeparture(alienNumber: String) throws {
        let raw = RawTravelUpdate(
            upstreamPersonId: "ADIS-\(alienNumber)", identifiers: [RawIdentifier(type: "alienNumber", value: alienNumber)],
            events: [RawTravelEvent(direction: "departure", date: "2026-05-02")])
        let provenance = Provenance(system: "test/adis", sourceKind: .upstreamSystem, sourceRecordID: "U-\(alienNumber)", receivedAt: Date())
        guard case .success(let update) = LeadNormaliser().normalise(raw, provenance: provenance) else {
            Issue.record("the synthetic update does not validate")
            return
        }
        let event = ArrivalDepartureReceived(updateID: "u-\(alienNumber)", update: update)
        try harness.publishToQueue([
            CloudEvent(id: "adis-\(alienNumber)", source: "leadtrac/ingest", type: EventType.arrivalDepartureReceived,
                       data: Array(try ContractCoding.encoder().encode(event)))
        ])
    }

    /// Publishes `lead.matched.v1` and `lead.prioritized.v1` for a new lead and waits until it is queued.
    @discardableResult
    func queueLead(
        _ leadID: String, tier: String = "P1", points: Int = 1_000, given: String = "Avery", alienNumber: String, revision: Int = 1,
        protected: Bool? = nil
    ) throws -> String {
        let lead = try Self.canonicalLead(given: given, alienNumber: alienNumber)
        let subjectID = "subject-\(leadID)"
        let matched = LeadMatched(
            leadID: leadID, revision: revision, subjectID: subjectID, decision: .newSubject, score: nil,
            explanation: MatchExplanation(
                candidatesConsidered: 0, candidates: [], reasons: ["noCandidates"], thresholds: .init(autoLink: 8, review: -4, margin: 8)),
            subject: SubjectSummary(kind: .person, primaryName: "\(given) Testperson", identifierCount: 1, protected: protected), lead: lead)
        let encoder = ContractCoding.encoder()
        let prioritized = LeadPrioritized(
            leadID: leadID, revision: revision, subjectID: subjectID, points: points, priority: tier, tags: [],
            fired: [.init(name: "national-security", points: points)], ruleSetVersion: "test+0", reason: .new, scoredAt: Date())
        let priority = String(decoding: try encoder.encode(prioritized), as: UTF8.self)
        try harness.publishToQueue([
            CloudEvent(id: "m-\(leadID)-\(revision)", source: "leadtrac/matcher", type: EventType.leadMatched, data: Array(try encoder.encode(matched))),
            CloudEvent(id: "p-\(leadID)-\(revision)", source: "leadtrac/prioritizer", type: EventType.leadPrioritized, data: Array(priority.utf8)),
        ])
        #expect(eventually(timeout: .seconds(30)) { try self.state(of: leadID) == "queued" && self.tier(of: leadID) == tier })
        return subjectID
    }

    func state(of leadID: String) throws -> String? {
        try harness.withDatabase { db in
            try db.execute("SELECT state FROM \(harness.schema).leads WHERE lead_id = $1", [PGValue(leadID)]).rows.first?
                .decode(String.self, at: 0)
        }
    }

    func tier(of leadID: String) throws -> String? {
        try harness.withDatabase { db in
            try db.execute("SELECT tier FROM \(harness.schema).leads WHERE lead_id = $1", [PGValue(leadID)]).rows.first?
                .decode(String?.self, at: 0)
        }
    }

    /// Events published on an observer queue whose body names `id`, as (routing key, body).
    func published(on queue: String, mentioning id: String, atLeast count: Int) throws -> [(type: String, body: String)] {
        var found: [(String, String)] = []
        _ = eventually(timeout: .seconds(15)) {
            for delivery in try BrokerTool.drain(queue) {
                let body = String(decoding: delivery.body, as: UTF8.self)
                if body.contains(id) { found.append((delivery.routingKey, body)) }
            }
            return found.count >= count
        }
        return found
    }

    func token(_ user: String, _ roles: Role...) async throws -> String {
        try await issuer.token(user: user, roles: roles)
    }

    /// Sends a workflow command with If-Match.
    func command(_ leadID: String, _ body: String, version: Int, token: String) async throws -> APITestServer.Answer {
        try await api.request("POST", "/leads/\(leadID)/commands", token: token, json: body, headers: ["If-Match": "\"v\(version)\""])
    }
}

extension APITestServer.Answer {
    var version: Int? {
        headers["etag"].flatMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "\"v"))) }
    }

    var object: [String: Any] { (json as? [String: Any]) ?? [:] }
}
