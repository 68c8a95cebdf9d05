import Foundation
import IngestService
import LeadTracCLI
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage
import LeadTracTesting
import Testing

extension Integration {
    /// Upstream lead contracts through the real ingest handler, broker and database.
    @Suite struct IngestFeedTests {
        private func harness() throws -> SpineHarness {
            try SpineHarness(
                prefix: "ingest",
                service: { schema, queue in Ingest.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
                observedRoutingKey: { _ in EventType.leadReceived })
        }

        private func lead(
            _ type: InboundLeadType = .targetingOverstayLead, id: String, recordID: String?, given: String = "Avery",
            dateOfBirth: String = "1987-04-12", extra: [String: Any] = [:], source: String = "test/targeting",
            sentAt: Date = Date(timeIntervalSince1970: 1_790_000_000)
        ) throws -> CloudEvent {
            var person: [String: Any] = [
                "name": ["given": given, "family": "Testperson"], "dateOfBirth": dateOfBirth,
                "countryOfCitizenship": "MEX",
                "identifiers": [["type": "passport", "value": "X123456", "issuingCountry": "MEX"]],
            ]
            person.merge(extra) { $1 }
            var body: [String: Any] = ["kind": "person", "category": "overstay", "person": person]
            if let recordID { body["sourceRecordId"] = recordID }
            return CloudEvent(
                id: id, source: source, type: type.rawValue,
                time: sentAt,
                data: Array(try JSONSerialization.data(withJSONObject: body)))
        }

        private func received(_ harness: SpineHarness, count: Int) throws -> [LeadReceived] {
            #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(harness.observer) >= count })
            return try harness.drainObserved().map { try JSONDecoder.iso.decode(LeadReceived.self, from: Data($0.body)) }
        }

        @Test(arguments: InboundLeadType.allCases)
        func eachLeadContractYieldsLeadReceived(_ type: InboundLeadType) throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let event: CloudEvent
            if type == .organisationLead {
                let body: [String: Any] = [
                    "kind": "organisation", "category": "organisationCompliance", "sourceRecordId": "ORG-1",
                    "organisation": ["name": "Example Flight Academy", "addresses": [["lines": ["1 Runway Rd"], "city": "Testville", "state": "TX", "zip": "75001"]]],
                ]
                event = CloudEvent(id: "org-1", source: "test/sevp", type: type.rawValue, data: Array(try JSONSerialization.data(withJSONObject: body)))
            } else {
                event = try lead(type, id: "m-1", recordID: "R-1")
            }
            try harness.publishToQueue([event])

            let events = try received(harness, count: 1)
            let first = try #require(events.first)
            #expect(first.revision == 1)
            #expect(first.change == .created)
            #expect(first.lead.provenance.system == event.source)
            #expect(first.lead.provenance.sourceRecordID == (type == .organisationLead ? "ORG-1" : "R-1"))
            #expect(first.leadID == EventID.derive(from: event.source, type: "lead", discriminator: first.lead.provenance.sourceRecordID!))
            if type != .organisationLead {
                #expect(first.lead.person?.dateOfBirth?.year == 1987)
                #expect(first.lead.person?.identifiers.first?.value == "X123456")
            }
            harness.stopAndWait()
            let raw = try harness.withDatabase { db in
                try db.execute("SELECT raw_body FROM \(harness.schema).leads").rows.map { try $0.decode([UInt8].self, at: 0) }
            }
            #expect(raw == [event.data], "the inbound body is kept for provenance")
        }

        @Test func invalidLeadIsStoredForRepairAndDeadLetteredWithReasons() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let bad = try lead(id: "bad-1", recordID: "R-9", dateOfBirth: "1999-02-29", extra: ["identifiers": [["type": "ssn", "value": "666-12-3456"]]])
            try harness.publishToQueue([bad])

            let dlq = QueueSpec.deadLetterQueue(for: harness.queue)
            #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(dlq) == 1 })
            harness.stopAndWait()
            let letters = try DeadLetterQueues(broker: try TestServers.broker()).show(queue: harness.queue, limit: 5)
            #expect(letters.first?.reason == "lead.invalid")
            #expect(letters.first?.reasonMessage?.contains("ssn.invalid-area") == true)
            #expect(letters.first?.reasonMessage?.contains("666") == false, "no personal value in the reason")

            let rows = try harness.withDatabase { db in
                try db.execute("SELECT reason, problems::text, source_record_id, status FROM \(harness.schema).rejections").rows.map {
                    (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(String.self, at: 2), try $0.decode(String.self, at: 3))
                }
            }
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            #expect(row.0 == "lead.invalid")
            let problems = try JSONDecoder().decode([FieldProblem].self, from: Data(row.1.utf8))
            #expect(Set(problems.map(\.code.rawValue)) == ["date.invalid", "ssn.invalid-area"])
            #expect(problems.contains { $0.field == "person.dateOfBirth" })
            #expect(row.2 == "R-9")
            #expect(row.3 == "open")
            #expect(try BrokerTool.messageCount(harness.observer) == 0, "no lead.received for a rejected record")
        }

        @Test func unknownTypeUndecodableBodyAndMissingRecordIDAreRejectedWithTheirCodes() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let unknown = CloudEvent(id: "u-1", source: "test/x", type: "targeting.overstay-lead.v9", data: Array("{}".utf8))
            let undecodable = CloudEvent(id: "u-2", source: "test/x", type: InboundLeadType.targetingOverstayLead.rawValue, data: Array("[1,2".utf8))
            let noRecord = try lead(id: "u-3", recordID: nil)
            try harness.publishToQueue([unknown, undecodable, noRecord])

            #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(QueueSpec.deadLetterQueue(for: harness.queue)) == 3 })
            harness.stopAndWait()
            let reasons = try harness.withDatabase { db in
                try db.execute("SELECT message_id, reason FROM \(harness.schema).rejections").rows.reduce(into: [String: String]()) {
                    $0[try $1.decode(String.self, at: 0)] = try $1.decode(String.self, at: 1)
                }
            }
            #expect(reasons == ["u-1": "contract.unknown-type", "u-2": "contract.undecodable", "u-3": "lead.missing-source-record-id"])
        }

        /// The receipt time is not content: the same record sent again ten minutes later is
        /// unchanged (a file uploaded twice across a second boundary once made new revisions).
        @Test func anUnchangedResendLaterIsStillUnchanged() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            try harness.publishToQueue([try lead(id: "b-1", recordID: "R-6")])
            #expect(try received(harness, count: 1).count == 1)
            try harness.publishToQueue([try lead(id: "b-2", recordID: "R-6", sentAt: Date(timeIntervalSince1970: 1_790_000_600))])
            #expect(eventually(timeout: .seconds(10)) { try BrokerTool.messageCount(harness.queue) == 0 })
            harness.stopAndWait()  // the relay flushes the outbox before it returns
            #expect(try harness.drainObserved().isEmpty, "no new revision")
            let revision = try harness.withDatabase { db in
                try db.execute("SELECT revision FROM \(harness.schema).leads WHERE source_record_id = 'R-6'").rows[0].decode(Int.self, at: 0)
            }
            #expect(revision == 1)
        }

        @Test func duplicateResendYieldsOneLeadAndAChangedResendUpdatesIt() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            // The same record twice (two deliveries with different message ids), then changed.
            try harness.publishToQueue([try lead(id: "a-1", recordID: "R-5"), try lead(id: "a-2", recordID: "R-5")])
            let first = try received(harness, count: 1)
            #expect(eventually(timeout: .seconds(10)) { try BrokerTool.messageCount(harness.queue) == 0 })
            #expect(first.count == 1, "an unchanged re-send emits nothing")

            // A late copy of an older version changes nothing; the newer version updates the lead.
            let later = Date(timeIntervalSince1970: 1_790_000_600)
            try harness.publishToQueue([
                try lead(id: "a-0", recordID: "R-5", given: "Avry", sentAt: Date(timeIntervalSince1970: 1_789_999_000)),
                try lead(id: "a-3", recordID: "R-5", given: "Averie", sentAt: later),
            ])
            let second = try received(harness, count: 1)
            harness.stopAndWait()
            #expect(second.first?.revision == 2)
            #expect(second.first?.change == .updated)
            #expect(second.first?.leadID == first.first?.leadID)
            #expect(second.first?.lead.person?.name.given == "Averie")
            let (count, revision) = try harness.withDatabase { db in
                let row = try db.execute("SELECT count(*), max(revision) FROM \(harness.schema).leads").rows[0]
                return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1))
            }
            #expect(count == 1)
            #expect(revision == 2)
        }
    }
}

extension JSONDecoder {
    static let iso: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

extension Integration {
    /// Repair: a rejected record corrected and resubmitted with `leadtrac ingest rejections`.
    @Suite struct IngestRepairTests {
        @Test func correctedRecordResubmittedFromTheCLIIsAcceptedAndClosesTheRejection() throws {
            let harness = try SpineHarness(
                prefix: "repair",
                service: { schema, queue in
                    Ingest.descriptor(
                        schema: schema,
                        queue: QueueSpec(name: queue, bindings: [.init(exchange: Exchange.inbound, routingKey: "repair.lead.v1")]))
                },
                observedRoutingKey: { _ in EventType.leadReceived })
            defer { harness.remove() }
            try harness.start()
            // The partner's record has an impossible date of birth.
            let bad: [String: Any] = [
                "sourceRecordId": "P-77", "kind": "person", "category": "statusViolation",
                "person": ["name": ["given": "Quinn", "family": "Sampleton"], "dateOfBirth": "1991-13-40"],
            ]
            try harness.publishToQueue([
                CloudEvent(id: "r-1", source: "test/partner", type: InboundLeadType.partnerReferral.rawValue,
                           data: Array(try JSONSerialization.data(withJSONObject: bad)))
            ])
            #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(QueueSpec.deadLetterQueue(for: harness.queue)) == 1 })

            func cli(_ arguments: String...) throws -> ServiceProcess {
                let process = try ServiceProcess(
                    "leadtrac", arguments: Array(arguments) + ["--database-url", TestServers.databaseURL, "--schema", harness.schema])
                #expect(process.waitForExit(timeout: .seconds(30)) == 0, "\(process.log)")
                return process
            }
            let listed = try cli("ingest", "rejections", "list")
            let line = try #require(listed.log.split(separator: "\n").first)
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(summary["reason"] as? String == "lead.invalid")
            #expect(summary["codes"] as? [String] == ["date.invalid"])
            #expect(!listed.log.contains("Sampleton"), "listing shows no personal values")
            let id = try #require(summary["rejectionID"] as? String)

            // Corrected record. Routed to this harness's queue by binding its routing key for the test.
            var fixed = bad
            fixed["person"] = ["name": ["given": "Quinn", "family": "Sampleton"], "dateOfBirth": "1991-12-04"]
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(harness.schema)-fixed.json")
            try JSONSerialization.data(withJSONObject: fixed).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            try BrokerTool.withConnection { try $0.bindQueue(harness.queue, exchange: Exchange.inbound, routingKey: InboundLeadType.partnerReferral.rawValue) }
            _ = try cli("ingest", "rejections", "resubmit", id, "--file", file.path, "--amqp-url", TestServers.amqpURL)

            #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(harness.observer) == 1 })
            harness.stopAndWait()
            let status = try harness.withDatabase { db in
                try db.execute("SELECT status FROM \(harness.schema).rejections WHERE rejection_id = $1::uuid", [PGValue(id)])
                    .rows[0].decode(String.self, at: 0)
            }
            #expect(status == "resubmitted")
            let stored = try harness.withDatabase { db in
                try db.execute("SELECT count(*) FROM \(harness.schema).leads WHERE source_record_id = 'P-77'").rows[0].decode(Int.self, at: 0)
            }
            #expect(stored == 1)
        }
    }
}
