import Foundation
import LeadTracCLI
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage
import LeadTracTesting
import MatcherCore
import MatcherService
import Testing

// All people here are synthetic: invented names, made-up passport numbers, example addresses.

extension Integration {
    /// lead.received.v1 through the real matcher handler, broker and database.
    @Suite struct MatcherPipelineTests {
        private func harness(
            batchSize: Int = 50, configuration: MatcherConfiguration = .default, index: BlockingIndex = BlockingIndex()
        ) throws -> SpineHarness {
            let harness = try SpineHarness(
                prefix: "matcher",
                service: { schema, queue in
                    Matcher.descriptor(
                        schema: schema, queue: QueueSpec(name: queue, bindings: []), configuration: configuration,
                        blockingIndex: index)
                },
                observedRoutingKey: { _ in EventType.leadMatched })
            harness.batchSize = batchSize
            return harness
        }

        /// A synthetic person as a source would send them.
        private struct Person {
            var given: String
            var family = "Testperson"
            var dateOfBirth = "1987-04-12"
            var sex = "F"
            var passport: String?
            var address: RawAddress?
            var aliases: [RawName] = []

            var raw: RawPerson {
                RawPerson(
                    name: RawName(given: given, family: family), aliases: aliases.isEmpty ? nil : aliases,
                    dateOfBirth: dateOfBirth, sex: sex, citizenship: "MEX",
                    identifiers: passport.map { [RawIdentifier(type: "passport", value: $0, issuingCountry: "MEX")] },
                    addresses: address.map { [$0] })
            }
        }

        /// A `lead.received.v1` as ingest emits it: the lead id derived from source and record id.
        private func received(
            _ person: Person, record: String, revision: Int = 1, messageID: String = UUID().uuidString,
            source: String = "test/targeting"
        ) throws -> (event: CloudEvent, leadID: String) {
            let provenance = Provenance(
                system: source, sourceKind: .upstreamSystem, sourceRecordID: record,
                receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
            let lead = try LeadNormaliser().normalise(RawLead(category: "overstay", person: person.raw), provenance: provenance).get()
            let leadID = EventID.derive(from: source, type: "lead", discriminator: record)
            let body = try ContractCoding.encoder().encode(
                LeadReceived(leadID: leadID, revision: revision, change: revision == 1 ? .created : .updated, lead: lead))
            return (CloudEvent(id: messageID, source: "leadtrac/ingest", type: EventType.leadReceived, data: Array(body)), leadID)
        }

        /// Collects lead.matched events for `leadIDs` until `count` arrived (other runs' events are ignored).
        private func matched(_ harness: SpineHarness, leads leadIDs: Set<String>, count: Int) throws -> [LeadMatched] {
            var events: [LeadMatched] = []
            _ = eventually(timeout: .seconds(60)) {
                events += try harness.drainObserved()
                    .map { try ContractCoding.decoder().decode(LeadMatched.self, from: Data($0.body)) }
                    .filter { leadIDs.contains($0.leadID) }
                return events.count >= count
            }
            #expect(events.count == count)
            return events
        }

        private func links(_ harness: SpineHarness) throws -> [String: (subject: String, decision: String)] {
            try harness.withDatabase { db in
                try db.execute("SELECT lead_id::text, subject_id::text, decision FROM \(harness.schema).lead_links").rows
                    .reduce(into: [:]) {
                        $0[try $1.decode(String.self, at: 0)] = (try $1.decode(String.self, at: 1), try $1.decode(String.self, at: 2))
                    }
            }
        }

        private func count(_ harness: SpineHarness, _ table: String) throws -> Int {
            try harness.withDatabase { try $0.execute("SELECT count(*) FROM \(harness.schema).\(table)").rows[0].decode(Int.self, at: 0) }
        }

        @Test func firstLeadCreatesASubjectAndASecondLeadOfThePersonAutoLinksToIt() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let avery = Person(given: "Avery", passport: "X7654321", address: RawAddress(lines: ["12 Example St"], city: "Testville", state: "TX", zip: "75001"))
            let first = try received(avery, record: "\(harness.schema)-A")
            try harness.publishToQueue([first.event])
            let one = try #require(try matched(harness, leads: [first.leadID], count: 1).first)
            #expect(one.decision == .newSubject)
            #expect(one.subject.priorLeadCount == 0)
            #expect(one.subject.categories == [.overstay])
            #expect(one.lead.person?.name.given == "Avery", "the lead travels with the decision")

            // Another source's record of the same person: same passport and name, a new address.
            var again = avery
            again.address = RawAddress(lines: ["40 Sample Ave"], city: "Testville", state: "TX", zip: "75002")
            let second = try received(again, record: "\(harness.schema)-B", source: "test/partner")
            try harness.publishToQueue([second.event])
            let two = try #require(try matched(harness, leads: [second.leadID], count: 1).first)
            harness.stopAndWait()

            #expect(two.decision == .autoLink)
            #expect(two.subjectID == one.subjectID)
            #expect((two.score ?? 0) >= 8)
            #expect(two.subject.priorLeadCount == 1)
            #expect(two.explanation.candidatesConsidered == 1)
            #expect(two.explanation.reasons == ["linked"])
            #expect(two.explanation.candidates.first?.contributions.contains { $0.attribute == "identifier:passport:MEX" } == true)
            let explanation = String(decoding: try ContractCoding.encoder().encode(two.explanation), as: UTF8.self)
            #expect(!explanation.lowercased().contains("testperson") && !explanation.contains("7654321"), "no compared values")

            #expect(try count(harness, "subjects") == 1)
            let addresses = try harness.withDatabase { db in
                try db.execute("SELECT jsonb_array_length(record->'addresses'), lead_count FROM \(harness.schema).subjects").rows[0]
            }
            #expect(try addresses.decode(Int.self, at: 0) == 2, "the linked lead's new address was merged")
            #expect(try addresses.decode(Int.self, at: 1) == 2)
            #expect(try links(harness).mapValues(\.decision) == [first.leadID: "newSubject", second.leadID: "autoLink"])

            // The exports name ids, decisions and counts, and no personal values.
            let links = try ServiceProcess(
                "leadtrac", arguments: ["export", "links", "--database-url", TestServers.databaseURL, "--schema", harness.schema])
            #expect(links.waitForExit(timeout: .seconds(30)) == 0, "\(links.log)")
            #expect(links.log.contains(MatcherExport.linksHeader))
            #expect(links.log.contains("\(second.leadID),test/partner,\(harness.schema)-B,\(one.subjectID),autoLink,"))
            #expect(links.log.contains("\(first.leadID),test/targeting,\(harness.schema)-A,\(one.subjectID),newSubject,"))
            #expect(!links.log.lowercased().contains("avery"))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(harness.schema)-subjects.csv")
            defer { try? FileManager.default.removeItem(at: file) }
            let subjects = try ServiceProcess(
                "leadtrac",
                arguments: ["export", "subjects", "--database-url", TestServers.databaseURL, "--schema", harness.schema, "--out", file.path])
            #expect(subjects.waitForExit(timeout: .seconds(30)) == 0, "\(subjects.log)")
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first.map(String.init) == MatcherExport.subjectsHeader)
            #expect(lines.last?.hasPrefix("\(one.subjectID),person,active,,2,") == true)
        }

        /// Two competing consumers, small batches, each person's two records adjacent on the queue:
        /// without the advisory locks on blocking keys this creates duplicate subjects every run.
        /// Forty namesakes (same name, other birth years, other passports) and the person share
        /// name keys with the lead; only five are scored. The person shares the passport and the
        /// date keys too, so ranks first and is linked. Without the ranking, five of 41 subjects
        /// in id order would hold them only about one time in eight.
        @Test func whenABlockHoldsMoreSubjectsThanAreScoredThoseSharingTheMostEvidenceAreScored() throws {
            let harness = try harness(configuration: MatcherConfiguration(maxCandidates: 5))
            defer { harness.remove() }
            try harness.start()
            let person = Person(given: "Rowan", dateOfBirth: "1991-06-17", passport: "R1234987")
            var events = [try received(person, record: "\(harness.schema)-person")]
            for n in 0..<40 {
                var namesake = person
                namesake.dateOfBirth = "\(1930 + n)-0\(1 + n % 9)-1\(n % 10)"
                namesake.passport = "N\(7_000_000 + n)"
                events.append(try received(namesake, record: "\(harness.schema)-namesake-\(n)"))
            }
            try harness.publishToQueue(events.map(\.event))
            let subjects = try matched(harness, leads: Set(events.map(\.leadID)), count: 41)
            let personSubject = try #require(subjects.first { $0.leadID == events[0].leadID }?.subjectID)
            #expect(Set(subjects.map(\.subjectID)).count == 41, "namesakes with other dates and passports stay apart")

            var again = person
            again.address = RawAddress(lines: ["7 Invented Rd"], city: "Testville", state: "TX", zip: "75003")
            let lead = try received(again, record: "\(harness.schema)-again", source: "test/partner")
            try harness.publishToQueue([lead.event])
            let decision = try #require(try matched(harness, leads: [lead.leadID], count: 1).first)
            harness.stopAndWait()

            #expect(decision.decision == .autoLink)
            #expect(decision.subjectID == personSubject)
            #expect(decision.explanation.candidatesConsidered == 5)
            #expect(decision.explanation.subjectsSharingKeys == 41)
            #expect(decision.explanation.candidates.first?.subjectID == personSubject)
        }

        @Test func concurrentDuplicatesNeverCreateTwoSubjects() throws {
            let harness = try harness(batchSize: 5)
            defer { harness.remove() }
            let givens = ["Avery", "Blake", "Casey", "Dorian", "Emerson", "Finley"]
            let families = ["Testperson", "Sampleton", "Fixturely", "Mockridge", "Stubbington"]
            var events: [CloudEvent] = []
            var personOf: [String: Int] = [:]
            for i in 0..<30 {
                let person = Person(
                    given: givens[i % givens.count], family: families[i / givens.count],
                    dateOfBirth: String(format: "%04d-%02d-%02d", 1960 + i, i % 12 + 1, i % 27 + 1), passport: "P\(4_000_000 + i * 7_919)")
                // Two sources' records of the person, adjacent, so the two consumers get one each.
                for side in ["a", "b"] {
                    let lead = try received(person, record: "\(harness.schema)-\(i)-\(side)", source: "test/\(side)")
                    events.append(lead.event)
                    personOf[lead.leadID] = i
                }
            }
            try harness.start(consumers: 2)
            try harness.publishToQueue(events)
            let decisions = try matched(harness, leads: Set(personOf.keys), count: events.count)
            harness.stopAndWait()

            let links = try links(harness)
            #expect(links.count == events.count)
            let subjectsByPerson = Dictionary(grouping: links) { personOf[$0.key]! }.mapValues { Set($0.map(\.value.subject)) }
            #expect(subjectsByPerson.count == 30)
            #expect(subjectsByPerson.values.allSatisfy { $0.count == 1 }, "one subject per person: \(subjectsByPerson.filter { $0.value.count > 1 }.keys.sorted())")
            #expect(try count(harness, "subjects") == 30)
            #expect(decisions.filter { $0.decision == .newSubject }.count == 30)
            #expect(decisions.filter { $0.decision == .autoLink }.count == 30)
        }

        /// Seven leads in one batch, written only at its end: each must see what the earlier
        /// ones decided, exactly as if each had been committed on its own. With the index in
        /// memory the batch's subjects and keys come from the batch's memory; with SQL retrieval
        /// the batch writes before each lead. Both must give the same decisions and rows.
        @Test(arguments: [true, false])
        func leadsOfOneBatchSeeWhatEarlierLeadsOfTheBatchDecided(memoryIndex: Bool) throws {
            let index = BlockingIndex()
            let harness = try harness(configuration: MatcherConfiguration(memoryIndex: memoryIndex), index: index)
            defer { harness.remove() }
            if memoryIndex { try harness.withDatabase { try index.load(schema: harness.schema, on: $0) } }
            let home = RawAddress(lines: ["12 Example St"], city: "Testville", state: "TX", zip: "75001")
            let moved = RawAddress(lines: ["40 Sample Ave"], city: "Testville", state: "TX", zip: "75002")
            var avery = Person(given: "Avery", passport: "X7654321", address: home)
            let a1 = try received(avery, record: "\(harness.schema)-A1")
            avery.address = moved
            let a2 = try received(avery, record: "\(harness.schema)-A2", source: "test/partner")
            let b1 = try received(
                Person(given: "Blake", family: "Sampleton", dateOfBirth: "1979-11-03", passport: "K5550123"),
                record: "\(harness.schema)-B1")
            avery.aliases = [RawName(given: "Kasey", family: "Fixturely")]
            let a3 = try received(avery, record: "\(harness.schema)-A3", source: "test/other")
            let replay = try received(
                Person(given: "Avery", passport: "X7654321", address: home), record: "\(harness.schema)-A1", messageID: "replay-A1")
            var revised = Person(given: "Avery", passport: "X7654321", address: home)
            revised.aliases = [RawName(given: "Avery", family: "Testperson-Ruiz")]
            let a1v2 = try received(revised, record: "\(harness.schema)-A1", revision: 2)
            // Found under the alias A3 brought (its name keys exist only in the batch so far).
            let c1 = try received(
                Person(given: "Kasey", family: "Fixturely", address: moved), record: "\(harness.schema)-C1", source: "test/late")
            try harness.publishToQueue([a1, a2, b1, a3, replay, a1v2, c1].map(\.event))
            try harness.start()  // all seven are queued: one batch
            let events = try matched(harness, leads: [a1.leadID, a2.leadID, b1.leadID, a3.leadID, c1.leadID], count: 7)
            harness.stopAndWait()

            func decisions(_ leadID: String) -> [LeadMatched.Decision] { events.filter { $0.leadID == leadID }.map(\.decision) }
            #expect(decisions(a1.leadID) == [.newSubject, .newSubject, .existingLink], "the replay re-emits, the revision relinks")
            #expect(decisions(a2.leadID) == [.autoLink])
            #expect(decisions(b1.leadID) == [.newSubject])
            #expect(decisions(a3.leadID) == [.autoLink])
            #expect(decisions(c1.leadID) == [.autoLink])
            let averys = Set(events.filter { $0.leadID != b1.leadID }.map(\.subjectID))
            #expect(averys.count == 1, "every record of Avery is on one subject")
            let averyID = try #require(averys.first)
            #expect(events.first { $0.leadID == c1.leadID }?.subject.priorLeadCount == 3)

            let row = try harness.withDatabase { db in
                try db.execute(
                    "SELECT lead_count, version, packed, jsonb_array_length(record->'names') FROM \(harness.schema).subjects WHERE subject_id = $1::uuid",
                    [PGValue(averyID)]
                ).rows[0]
            }
            #expect(try row.decode(Int.self, at: 0) == 4, "A1, A2, A3 and C1")
            #expect(try row.decode(Int.self, at: 1) == 5, "created, then changed by A2, A3, A1's revision and C1")
            #expect(try row.decode(Int.self, at: 3) == 3, "the name and both aliases")
            let record = try MatchRecord(packed: try row.decode(String.self, at: 2))
            let keys = try harness.withDatabase { db in
                Set(try db.execute("SELECT key FROM \(harness.schema).subject_keys WHERE subject_id = $1::uuid", [PGValue(averyID)])
                    .rows.map { try $0.decode(String.self, at: 0) })
            }
            #expect(keys == Set(blockingKeys(for: record).map(\.text)), "every key of the merged record is indexed, once")
            let terms = try harness.withDatabase { db in
                try db.execute(
                    "SELECT count(*) FROM \(harness.schema).subject_terms WHERE subject_id = $1::uuid AND term_kind = 'family'",
                    [PGValue(averyID)]
                ).rows[0].decode(Int.self, at: 0)
            }
            #expect(terms >= 3, "Testperson, Fixturely and Testperson-Ruiz (with its tokens)")
            #expect(try count(harness, "subjects") == 2)
            #expect(try count(harness, "lead_links") == 5)
            let revision = try harness.withDatabase { db in
                try db.execute("SELECT revision FROM \(harness.schema).lead_links WHERE lead_id = $1::uuid", [PGValue(a1.leadID)])
                    .rows[0].decode(Int.self, at: 0)
            }
            #expect(revision == 2)
        }

        @Test func replayedLeadYieldsTheSameDecisionAndSubject() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let blake = Person(given: "Blake", family: "Sampleton", dateOfBirth: "1979-11-03", passport: "K5550123")
            let first = try received(blake, record: "\(harness.schema)-1")
            let second = try received(blake, record: "\(harness.schema)-2", source: "test/partner")
            try harness.publishToQueue([first.event])
            let a = try #require(try matched(harness, leads: [first.leadID], count: 1).first)
            try harness.publishToQueue([second.event])
            let b = try #require(try matched(harness, leads: [second.leadID], count: 1).first)
            #expect(a.decision == .newSubject)
            #expect(b.decision == .autoLink)

            // Both replayed (new message ids, as `leadtrac dlq replay` or an upstream re-send would).
            let replays = [
                try received(blake, record: "\(harness.schema)-1", messageID: "replay-1").event,
                try received(blake, record: "\(harness.schema)-2", messageID: "replay-2", source: "test/partner").event,
            ]
            try harness.publishToQueue(replays)
            let again = try matched(harness, leads: [first.leadID, second.leadID], count: 2)
            harness.stopAndWait()
            let byLead = Dictionary(uniqueKeysWithValues: again.map { ($0.leadID, $0) })
            #expect(byLead[first.leadID]?.decision == .newSubject)
            #expect(byLead[second.leadID]?.decision == .autoLink)
            #expect(Set(again.map(\.subjectID)) == [a.subjectID])
            #expect(byLead[second.leadID]?.score == b.score)
            #expect(try count(harness, "subjects") == 1)
            let leadCount = try harness.withDatabase {
                try $0.execute("SELECT lead_count FROM \(harness.schema).subjects").rows[0].decode(Int.self, at: 0)
            }
            #expect(leadCount == 2, "a replay attaches nothing twice")
        }

        @Test func newRevisionOfALinkedLeadKeepsItsSubjectAndAddsItsAttributes() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            var casey = Person(given: "Casey", family: "Fixturely", dateOfBirth: "1992-02-20", passport: "M1029384")
            let first = try received(casey, record: "\(harness.schema)-1")
            try harness.publishToQueue([first.event])
            let a = try #require(try matched(harness, leads: [first.leadID], count: 1).first)

            casey.aliases = [RawName(given: "Kasey", family: "Fixturely-Stone")]
            let revised = try received(casey, record: "\(harness.schema)-1", revision: 2)
            try harness.publishToQueue([revised.event])
            let b = try #require(try matched(harness, leads: [first.leadID], count: 1).first)
            harness.stopAndWait()
            #expect(b.decision == .existingLink)
            #expect(b.revision == 2)
            #expect(b.subjectID == a.subjectID)
            let (names, leads) = try harness.withDatabase { db in
                let row = try db.execute("SELECT jsonb_array_length(record->'names'), lead_count FROM \(harness.schema).subjects").rows[0]
                return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1))
            }
            #expect(names == 2, "the alias joined the subject")
            #expect(leads == 1, "a revision is not another lead")
        }

        @Test func twinsWithTheSameBirthDateSurnameAndAddressAreNotAutoLinked() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let home = RawAddress(lines: ["77 Example Rd"], city: "Testville", state: "TX", zip: "75003")
            let first = try received(Person(given: "Dorian", family: "Mockridge", dateOfBirth: "2001-06-15", sex: "M", address: home), record: "\(harness.schema)-1")
            try harness.publishToQueue([first.event])
            let a = try #require(try matched(harness, leads: [first.leadID], count: 1).first)
            let twin = try received(Person(given: "Emerson", family: "Mockridge", dateOfBirth: "2001-06-15", sex: "M", address: home), record: "\(harness.schema)-2")
            try harness.publishToQueue([twin.event])
            let b = try #require(try matched(harness, leads: [twin.leadID], count: 1).first)
            harness.stopAndWait()

            #expect(b.decision != .autoLink)
            #expect(b.subjectID != a.subjectID)
            #expect(try count(harness, "subjects") == 2)
            if b.decision == .review {
                let candidates = try harness.withDatabase { db in
                    try db.execute("SELECT candidates::text, subject_id::text FROM \(harness.schema).review_items").rows.map {
                        (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1))
                    }
                }
                #expect(candidates.count == 1)
                #expect(candidates.first?.0.contains(a.subjectID) == true, "the review names the twin's subject")
                #expect(candidates.first?.1 == b.subjectID)
                #expect(b.reviewID != nil)
            }
        }

        @Test func undecodableAndUnknownMessagesAreDeadLetteredWithTheirReasons() throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            try harness.publishToQueue([
                CloudEvent(id: "bad-1", source: "leadtrac/ingest", type: EventType.leadReceived, data: Array(#"{"leadID": 1}"#.utf8)),
                CloudEvent(id: "bad-2", source: "leadtrac/ingest", type: "lead.received.v9", data: Array("{}".utf8)),
            ])
            #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(QueueSpec.deadLetterQueue(for: harness.queue)) == 2 })
            harness.stopAndWait()
            let letters = try DeadLetterQueues(broker: try TestServers.broker()).show(queue: harness.queue, limit: 5)
            #expect(Set(letters.compactMap(\.reason)) == ["contract.undecodable", "contract.unknown-type"])
            #expect(try count(harness, "subjects") == 0)
        }
    }
}
