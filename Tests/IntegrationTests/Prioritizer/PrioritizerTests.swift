import Foundation
import LeadTracCLI
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import PrioritizerService
import Testing

// All people here are synthetic: invented names, example addresses.

extension Integration {
    /// lead.matched.v1 → lead.prioritized.v1 through the real prioritizer handler, broker and
    /// database; rule sets validated and activated with the CLI and the API.
    @Suite struct PrioritizerTests {
        static let issuer = DevelopmentTokenIssuer()

        private func harness() throws -> SpineHarness {
            try SpineHarness(
                prefix: "prioritizer",
                service: { schema, queue in Prioritizer.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
                observedRoutingKey: { _ in EventType.leadPrioritized })
        }

        /// A `lead.matched.v1` for a synthetic person who overstayed by about 400 days, with a US
        /// address seen 30 days ago.
        private func matched(
            leadID: String, revision: Int = 1, decision: LeadMatched.Decision = .newSubject, risk: [RiskIndicator] = [],
            messageID: String = UUID().uuidString, alienNumber: String? = nil
        ) throws -> CloudEvent {
            let now = Date()
            let provenance = Provenance(system: "test/targeting", sourceRecordID: leadID, receivedAt: now.addingTimeInterval(-30 * 86_400))
            let until = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now.addingTimeInterval(-400 * 86_400))
            let person = CanonicalPerson(
                name: PersonName(original: "Avery Testperson", given: "Avery", middle: nil, family: "Testperson"),
                identifiers: alienNumber.map { [Identifier(type: .alienNumber, value: $0, raw: "A" + $0, provenance: provenance)] } ?? [],
                addresses: [
                    PostalAddress(lines: ["12 Example St"], city: "Testville", state: "TX", zip5: "75001", country: CountryCode(rawValue: "USA")!, provenance: provenance)
                ],
                travel: [
                    TravelEvent(
                        direction: .arrival, date: PartialDate(year: 2020, month: 1, day: 2)!, classOfAdmission: "B2",
                        admittedUntil: .date(PartialDate(year: until.year!, month: until.month!, day: until.day!)!), provenance: provenance)
                ],
                riskIndicators: risk)
            let body = LeadMatched(
                leadID: leadID, revision: revision, subjectID: UUID().uuidString.lowercased(), decision: decision, score: nil,
                explanation: .init(candidatesConsidered: 0, candidates: [], reasons: ["noCandidates"], thresholds: .init(autoLink: 8, review: -4, margin: 8)),
                subject: SubjectSummary(kind: .person, primaryName: "Avery Testperson", categories: [.overstay]),
                lead: CanonicalLead(category: .overstay, subject: .person(person), provenance: provenance))
            return CloudEvent(
                id: messageID, source: "leadtrac/matcher", type: EventType.leadMatched, subject: leadID,
                data: Array(try ContractCoding.encoder().encode(body)))
        }

        /// lead.prioritized events for `leadIDs` until `count` arrived (others' events ignored).
        private func prioritized(_ harness: SpineHarness, leads leadIDs: Set<String>, count: Int, timeout: Duration = .seconds(60)) throws
            -> [LeadPrioritized]
        {
            var events: [LeadPrioritized] = []
            _ = eventually(timeout: timeout) {
                events += try harness.drainObserved()
                    .map { try ContractCoding.decoder().decode(LeadPrioritized.self, from: Data($0.body)) }
                    .filter { leadIDs.contains($0.leadID) }
                return events.count >= count
            }
            return events
        }

        private func newLead() -> String { UUID().uuidString.lowercased() }

        @Test func aMatchedLeadIsPrioritizedWithItsExplanation() async throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let lead = newLead()
            try harness.publishToQueue([try matched(leadID: lead, risk: [.criminalHistory])])
            let events = try prioritized(harness, leads: [lead], count: 1)
            harness.stopAndWait()
            let event = try #require(events.first)
            #expect(events.count == 1)
            #expect(event.reason == .new)
            #expect(event.priority == "P2")
            #expect(event.points == 145)  // 100 criminal history + 30 overstay + 15 recent address
            #expect(event.ruleSetVersion.hasPrefix("2025.06+"))
            let criminal = try #require(event.fired.first { $0.name == "criminal-history" })
            #expect(criminal.points == 100)
            #expect(criminal.factsUsed == [.init(fact: "risk.criminal_history", value: "true")])
            #expect(event.fired.contains { $0.name == "overstay-over-a-year" && $0.factsUsed.first?.fact == "days_overstayed" })
            #expect(event.tags.contains("public-safety"))

            // The score is stored with its explanation and readable over the API (audited).
            let server = try await APITestServer.start(
                Prioritizer.descriptor(schema: harness.schema, queue: QueueSpec(name: harness.queue, bindings: [])), schema: harness.schema)
            let token = try await Self.issuer.token(user: "ana", roles: [.analyst])
            let answer = try await server.request("GET", "/leads/\(lead)/score", token: token)
            await server.stop()
            #expect(answer.status == 200)
            let json = try #require(answer.json as? [String: Any])
            #expect((json["explanation"] as? String)?.contains("+100 criminal-history") == true)
            #expect(((json["score"] as? [String: Any])?["priority"] as? String) == "P2")
            #expect(try server.auditActions().contains("lead.score.view"))
        }

        @Test func aNewRevisionAddingWantsAndWarrantsRaisesTheTierAndAReplayAnnouncesNothing() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let lead = newLead()
            try harness.publishToQueue([try matched(leadID: lead)])
            let first = try #require(try prioritized(harness, leads: [lead], count: 1).first)
            #expect(first.priority == "P3")

            let update = try matched(leadID: lead, revision: 2, decision: .existingLink, risk: [.wantsAndWarrants])
            try harness.publishToQueue([update])
            let raised = try #require(try prioritized(harness, leads: [lead], count: 1).first)
            #expect(raised.reason == .updated)
            #expect(raised.revision == 2)
            #expect(raised.priority == "P2")
            #expect(raised.previousPriority == "P3")
            #expect(raised.fired.contains { $0.name == "open-wants-or-warrants" && $0.minimumTier == "P2" })

            // The matcher re-emits the same decision on a replay (new message id): same outcome, no event.
            // An older revision arriving late changes nothing either.
            try harness.publishToQueue([
                try matched(leadID: lead, revision: 2, decision: .existingLink, risk: [.wantsAndWarrants]),
                try matched(leadID: lead, revision: 1),
            ])
            #expect(eventually(timeout: .seconds(20)) { try harness.outboxBacklog() == 0 && BrokerTool.messageCount(harness.queue) == 0 })
            Thread.sleep(forTimeInterval: 1)
            #expect(try prioritized(harness, leads: [lead], count: 1, timeout: .seconds(2)).isEmpty)
            let stored = try harness.withDatabase { db in
                try db.execute("SELECT revision, risk_wants_warrants FROM \(harness.schema).lead_facts WHERE lead_id = $1::uuid", [PGValue(lead)]).rows[0]
            }
            #expect(try stored.decode(Int.self, at: 0) == 2)
            #expect(try stored.decode(Bool.self, at: 1) == true)
        }

        @Test func activatingARuleSetRescoresOpenLeadsAndAnnouncesOnlyTheChanged() throws {
            let harness = try harness()
            defer { harness.remove() }
            let auditObserver = harness.schema + ".audit"
            try BrokerTool.declareObserver(auditObserver, exchange: Exchange.audit, routingKey: "audit.prioritizer.ruleset.activate")
            defer { BrokerTool.deleteQueues([auditObserver]) }
            try harness.start()
            let criminal = newLead()
            let plain = [newLead(), newLead()]
            try harness.publishToQueue([try matched(leadID: criminal, risk: [.criminalHistory])] + (try plain.map { try matched(leadID: $0) }))
            #expect(try prioritized(harness, leads: Set(plain + [criminal]), count: 3).count == 3)

            // Criminal history now guarantees P1: only that lead changes.
            let candidate = DefaultRules.yaml
                .replacingOccurrences(of: "version: \"2025.06\"", with: "version: \"2025.07-test\"")
                .replacingOccurrences(
                    of: "    when: { fact: risk.criminal_history, eq: true }\n    points: 100\n",
                    with: "    when: { fact: risk.criminal_history, eq: true }\n    points: 100\n    minimum_tier: P1\n")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(harness.schema)-candidate.yaml")
            try candidate.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let arguments = ["--database-url", TestServers.databaseURL, "--schema", harness.schema]

            let diff = try ServiceProcess("leadtrac", arguments: ["rules", "diff", file.path] + arguments)
            #expect(diff.waitForExit(timeout: .seconds(60)) == 0, "\(diff.log)")
            #expect(diff.log.contains("P2 → P1: 1"), "\(diff.log)")
            #expect(diff.log.contains("lead \(criminal): P2 → P1"))

            let user = "sup-\(harness.schema)"
            let activate = try ServiceProcess("leadtrac", arguments: ["rules", "activate", file.path, "--by", user] + arguments)
            #expect(activate.waitForExit(timeout: .seconds(60)) == 0, "\(activate.log)")
            #expect(activate.log.contains("re-scored 3 open leads; 1 changed and announced"), "\(activate.log)")

            let announced = try prioritized(harness, leads: Set(plain + [criminal]), count: 1)
            #expect(eventually(timeout: .seconds(20)) { try harness.outboxBacklog() == 0 })
            let late = try prioritized(harness, leads: Set(plain + [criminal]), count: 1, timeout: .seconds(2))
            #expect(announced.count == 1 && late.isEmpty, "only the changed lead is announced")
            let event = try #require(announced.first)
            #expect(event.leadID == criminal)
            #expect(event.reason == .ruleSetActivated)
            #expect(event.priority == "P1" && event.previousPriority == "P2")
            #expect(event.ruleSetVersion.hasPrefix("2025.07-test+"))

            let (version, scored) = try harness.withDatabase { db -> (String, Int) in
                let row = try db.execute(
                    "SELECT version, (SELECT count(*) FROM \(harness.schema).scores s WHERE s.rule_set_version = r.version) FROM \(harness.schema).rule_sets r WHERE active AND activated_by = $1",
                    [PGValue(user)]).rows[0]
                return (try row.decode(String.self, at: 0), try row.decode(Int.self, at: 1))
            }
            #expect(version == event.ruleSetVersion)
            #expect(scored == 3, "every open lead has a score of the new version")

            let audits = try BrokerTool.drain(auditObserver).map { try ContractCoding.decoder().decode(AuditEvent.self, from: Data($0.body)) }
                .filter { $0.actor == user }
            #expect(audits.count == 1)
            #expect(audits.first?.objectID == version)
            #expect(audits.first?.details["changed"] == .int(1))

            // Activating it again re-scores nothing.
            let again = try ServiceProcess("leadtrac", arguments: ["rules", "activate", file.path, "--by", user] + arguments)
            #expect(again.waitForExit(timeout: .seconds(60)) == 0)
            #expect(again.log.contains("already active"))

            // A lead arriving now is scored with the new rules.
            let later = newLead()
            try harness.publishToQueue([try matched(leadID: later, risk: [.criminalHistory])])
            let fresh = try #require(try prioritized(harness, leads: [later], count: 1).first)
            #expect(fresh.priority == "P1" && fresh.ruleSetVersion == version)
        }

        @Test func aBrokenRuleFileIsRefusedWithItsLine() async throws {
            let broken = """
                version: "2025.08"
                tiers:
                  - { name: P1, min_points: 100 }
                rules:
                  - name: wants
                    when: { fact: risk.wants_warants, eq: true }
                    points: 100
                """
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString.prefix(8)).yaml")
            try broken.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }

            let validate = try ServiceProcess("leadtrac", arguments: ["rules", "validate", file.path])
            #expect(validate.waitForExit(timeout: .seconds(30)) == 65, "\(validate.log)")
            #expect(validate.log.contains("\(file.path):6:"), "\(validate.log)")
            #expect(validate.log.contains("rule 'wants'"))
            #expect(validate.log.contains("[rules.unknown-field]"))

            let schema = TestServers.uniqueName("prioritizer_api")
            let activate = try ServiceProcess(
                "leadtrac", arguments: ["rules", "activate", file.path, "--by", "sup", "--database-url", TestServers.databaseURL, "--schema", schema])
            #expect(activate.waitForExit(timeout: .seconds(30)) == 65, "refused before touching the database")

            let server = try await APITestServer.start(Prioritizer.descriptor(schema: schema, queue: Prioritizer.queues[0]), schema: schema)
            defer { try? server.dropSchema() }
            let token = try await Self.issuer.token(user: "sup", roles: [.supervisor])
            let body = String(decoding: try JSONEncoder().encode(["yaml": broken, "fileName": "broken.yaml"]), as: UTF8.self)
            let refused = try await server.request("POST", "/rule-sets/validate", token: token, json: body)
            #expect(refused.status == 422)
            #expect(refused.problemCode == "rules.invalid")
            let errors = try #require((refused.json as? [String: Any])?["errors"] as? [[String: Any]])
            #expect((errors.first?["field"] as? String)?.hasPrefix("broken.yaml:6") == true)
            #expect(errors.first?["code"] as? String == "rules.unknown-field")
            #expect((errors.first?["message"] as? String)?.hasPrefix("rule 'wants':") == true)
            let refusedActivation = try await server.request("POST", "/rule-sets", token: token, json: body)
            #expect(refusedActivation.status == 422)

            // The active rule set is still the seeded default.
            let list = try await server.request("GET", "/rule-sets", token: token)
            await server.stop()
            let sets = try #require(list.json as? [[String: Any]])
            #expect(sets.count == 1)
            #expect((sets.first?["version"] as? String)?.hasPrefix("2025.06+") == true)
            #expect(sets.first?["activatedBy"] as? String == "system")
        }

        /// A lead the workflow closes leaves the open set (activations and what-ifs skip it); a
        /// reopened one comes back.
        @Test func closedLeadsLeaveTheOpenSetAndReopenedOnesReturn() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let lead = newLead()
            try harness.publishToQueue([try matched(leadID: lead)])
            _ = try prioritized(harness, leads: [lead], count: 1)
            func stateChange(_ to: String, version: Int) throws -> CloudEvent {
                let change = LeadStateChanged(
                    leadID: lead, subjectID: UUID().uuidString.lowercased(), from: "referred", to: to, command: "caseClosed",
                    actor: "case-management", role: "service", at: Date(), version: version)
                return CloudEvent(
                    id: "state-\(lead)-\(version)", source: "leadtrac/workflow", type: EventType.leadStateChanged,
                    data: Array(try ContractCoding.encoder().encode(change)))
            }
            func isOpen() throws -> Bool? {
                try harness.withDatabase { db in
                    try db.execute("SELECT open FROM \(harness.schema).lead_facts WHERE lead_id = $1::uuid", [PGValue(lead)])
                        .rows.first?.decode(Bool.self, at: 0)
                }
            }
            try harness.publishToQueue([try stateChange("closed", version: 8)])
            #expect(eventually(timeout: .seconds(20)) { try isOpen() == false })
            try harness.publishToQueue([try stateChange("queued", version: 9)])
            #expect(eventually(timeout: .seconds(20)) { try isOpen() == true })
        }

        /// Re-scoring on change: a departure reported by the arrival/departure system lowers the
        /// priority of every lead about that person; a provider's current address sets its fact.
        @Test func aDepartureAndAnEnrichedAddressRescoreTheLead() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let lead = newLead()
            let number = String(format: "%09d", Int.random(in: 1...999_999_999))
            try harness.publishToQueue([try matched(leadID: lead, risk: [.criminalHistory], alienNumber: number)])
            let first = try #require(try prioritized(harness, leads: [lead], count: 1).first)

            let provenance = Provenance(system: "test/adis", sourceKind: .upstreamSystem, sourceRecordID: "U-\(number)", receivedAt: Date())
            let raw = RawTravelUpdate(
                upstreamPersonId: "ADIS-\(number)", identifiers: [RawIdentifier(type: "alienNumber", value: "A" + number)],
                events: [RawTravelEvent(direction: "departure", date: "2026-05-02")])
            guard case .success(let update) = LeadNormaliser().normalise(raw, provenance: provenance) else {
                Issue.record("the synthetic update does not validate")
                return
            }
            try harness.publishToQueue([
                CloudEvent(
                    id: "adis-\(number)", source: "leadtrac/ingest", type: EventType.arrivalDepartureReceived,
                    data: Array(try ContractCoding.encoder().encode(ArrivalDepartureReceived(updateID: "u-\(number)", update: update))))
            ])
            let rescored = try #require(try prioritized(harness, leads: [lead], count: 1).first)
            #expect(rescored.reason == .rescored)
            #expect(rescored.points < first.points, "a departed subject weighs less")
            #expect(rescored.fired.contains { $0.factsUsed.contains { $0.fact == "subject.departed" } })

            let completion = EnrichmentCompleted(
                requestID: "r-1", leadID: lead,
                items: [.init(itemID: "i-\(lead)", kind: "address", fields: ["state": "TX"], provider: "provider-a", observedAt: nil)],
                completedAt: Date())
            try harness.publishToQueue([
                CloudEvent(
                    id: "enr-\(lead)", source: "leadtrac/provider-gateway", type: EventType.enrichmentCompleted,
                    data: Array(try ContractCoding.encoder().encode(completion)))
            ])
            #expect(eventually(timeout: .seconds(20)) {
                try harness.withDatabase { db in
                    try db.execute(
                        "SELECT enrichment_has_current_address FROM \(harness.schema).lead_facts WHERE lead_id = $1::uuid", [PGValue(lead)]
                    ).rows.first?.decode(Bool?.self, at: 0) == true
                }
            })
        }
    }
}
