import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import MatcherCore
import MatcherService
import Testing

// All people here are synthetic: invented names, made-up passport numbers, example addresses.

extension Integration {
    /// The matcher's HTTP API against subjects the real handler made: search, detail, review
    /// decisions, merge and split, with their events, error notices and audit events observed on
    /// the broker (the harness's relay publishes what the API's transactions write).
    @Suite struct MatcherAPITests {
        let issuer = DevelopmentTokenIssuer()

        private func harness() throws -> SpineHarness {
            let harness = try SpineHarness(
                prefix: "matcherapi",
                service: { schema, queue in Matcher.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
                observedRoutingKey: { _ in EventType.leadMatched })
            harness.batchSize = 10
            return harness
        }

        private struct Person {
            var given: String
            var family = "Testperson"
            var dateOfBirth = "1987-04-12"
            var sex: String? = "F"
            var passport: String?
            var address: RawAddress?

            var raw: RawPerson {
                RawPerson(
                    name: RawName(given: given, family: family), dateOfBirth: dateOfBirth, sex: sex, citizenship: "MEX",
                    identifiers: passport.map { [RawIdentifier(type: "passport", value: $0, issuingCountry: "MEX")] },
                    addresses: address.map { [$0] })
            }
        }

        private func received(_ person: Person, record: String, source: String) throws -> (event: CloudEvent, leadID: String) {
            let provenance = Provenance(
                system: source, sourceKind: .upstreamSystem, sourceRecordID: record, receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
            let lead = try LeadNormaliser().normalise(RawLead(category: "overstay", person: person.raw), provenance: provenance).get()
            let leadID = EventID.derive(from: source, type: "lead", discriminator: record)
            let body = try ContractCoding.encoder().encode(LeadReceived(leadID: leadID, revision: 1, change: .created, lead: lead))
            return (CloudEvent(id: UUID().uuidString, source: "leadtrac/ingest", type: EventType.leadReceived, data: Array(body)), leadID)
        }

        /// Publishes one lead at a time and waits for its decision (so each sees the ones before).
        private func match(_ harness: SpineHarness, _ leads: [(event: CloudEvent, leadID: String)]) throws -> [LeadMatched] {
            var all: [LeadMatched] = []
            for lead in leads {
                try harness.publishToQueue([lead.event])
                var found: LeadMatched?
                _ = eventually(timeout: .seconds(60)) {
                    found = try harness.drainObserved()
                        .map { try ContractCoding.decoder().decode(LeadMatched.self, from: Data($0.body)) }
                        .first { $0.leadID == lead.leadID } ?? found
                    return found != nil
                }
                all.append(try #require(found))
            }
            return all
        }

        /// An observer queue on `exchange` for `routingKey`, removed by the caller.
        private func observer(_ harness: SpineHarness, _ name: String, exchange: String, routingKey: String) throws -> String {
            let queue = "\(harness.schema).\(name)"
            try BrokerTool.declareObserver(queue, exchange: exchange, routingKey: routingKey)
            return queue
        }

        /// Messages on `queue` whose body satisfies `accept`, waiting until `count` arrived.
        private func collect(_ queue: String, count: Int, _ accept: @escaping ([String: Any]) -> Bool) -> [[String: Any]] {
            var found: [[String: Any]] = []
            _ = eventually(timeout: .seconds(30)) {
                found += try BrokerTool.drain(queue).compactMap { try JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
                    .filter(accept)
                return found.count >= count
            }
            return found
        }

        private func linkedSubject(_ harness: SpineHarness, lead: String) throws -> String {
            try harness.withDatabase { db in
                try db.execute("SELECT subject_id::text FROM \(harness.schema).lead_links WHERE lead_id = $1::uuid", [PGValue(lead)])
                    .rows[0].decode(String.self, at: 0)
            }
        }

        /// Every subject's packed record (what retrieval scores) says what its JSON record says.
        private func expectPackedRecordsMatch(_ harness: SpineHarness, _ comment: Comment) throws {
            let rows = try harness.withDatabase { db in
                try db.execute("SELECT packed, record::text FROM \(harness.schema).subjects").rows.map {
                    (try $0.decode(String?.self, at: 0), try $0.decode(String.self, at: 1))
                }
            }
            #expect(!rows.isEmpty)
            for (packed, json) in rows {
                let record = try JSONDecoder().decode(MatchRecord.self, from: Data(json.utf8))
                #expect(try packed.map(MatchRecord.init(packed:)) == record, comment)
            }
        }

        @Test func searchRanksTheRightSubjectFirstAndIsAuditedWithItsTerms() async throws {
            let harness = try harness()
            defer { harness.remove() }
            try harness.start()
            let s = harness.schema
            let people = [
                Person(given: "Avery", family: "Testperson", dateOfBirth: "1987-04-12", passport: "X7654321"),
                Person(given: "Avery", family: "Tessperson", dateOfBirth: "1990-01-30", sex: "M"),
                Person(given: "Blake", family: "Testperson", dateOfBirth: "1987-04-12", sex: "M"),
                Person(given: "Casey", family: "Sampleton", dateOfBirth: "1975-09-02", passport: "K5550123"),
            ]
            let matched = try match(harness, try people.enumerated().map { try received($1, record: "\(s)-\($0)", source: "test/feed") })
            harness.stopAndWait()
            #expect(Set(matched.map(\.subjectID)).count == 4)

            let server = try await APITestServer.start(Matcher.descriptor(schema: s, queue: QueueSpec(name: harness.queue, bindings: [])), schema: s)
            let analyst = try await issuer.token(user: "ana", roles: [.analyst])

            // A typo in the given name, and the date: Avery Testperson of 1987 first.
            let answer = try await server.request("GET", "/subjects?name=Avry%20Testperson&dob=1987-04-12", token: analyst)
            #expect(answer.status == 200)
            let results = try #require((answer.json as? [String: Any])?["results"] as? [[String: Any]])
            #expect(results.first?["subjectId"] as? String == matched[0].subjectID)
            let scores = results.compactMap { $0["score"] as? Double }
            #expect(scores == scores.sorted(by: >), "ranked by score")

            let byIdentifier = try await server.request("GET", "/subjects?identifier=K555%200123", token: analyst)
            let hits = (byIdentifier.json as? [String: Any])?["results"] as? [[String: Any]]
            #expect(hits?.map { $0["subjectId"] as? String } == [matched[3].subjectID])

            let byDate = try await server.request("GET", "/subjects?dob=1987-04-12", token: analyst)
            let dated = Set(((byDate.json as? [String: Any])?["results"] as? [[String: Any]] ?? []).compactMap { $0["subjectId"] as? String })
            #expect(dated == [matched[0].subjectID, matched[2].subjectID])

            let empty = try await server.request("GET", "/subjects", token: analyst)
            #expect(empty.status == 400)

            // Each search is one audit event with its terms, count and result ids.
            let searches = try harness.withDatabase { db in
                try db.execute(
                    "SELECT convert_from(body, 'UTF8') FROM \(s).outbox WHERE routing_key = 'audit.matcher.subject.search' ORDER BY seq"
                ).rows.map { try $0.decode(String.self, at: 0) }
            }
            #expect(searches.count == 3)
            let first = try #require(searches.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            let details = try #require(first["details"] as? [String: Any])
            #expect((details["terms"] as? [String: Any])?["name"] as? String == "Avry Testperson")
            #expect((details["terms"] as? [String: Any])?["dob"] as? String == "1987-04-12")
            #expect(details["resultCount"] as? Int == results.count)
            #expect((first["subjectIDs"] as? [String])?.first == matched[0].subjectID)

            // Detail: attributes with their sources, the linked lead, an ETag, audited as a view.
            let detail = try await server.request("GET", "/subjects/\(matched[0].subjectID)", token: analyst)
            #expect(detail.status == 200)
            #expect(detail.headers["etag"] == "\"1\"")
            let body = try #require(detail.json as? [String: Any])
            #expect((body["leads"] as? [[String: Any]])?.first?["leadId"] as? String == matched[0].leadID)
            #expect((body["identifiers"] as? [[String: Any]])?.first?["sources"] as? [Int] == [0])
            #expect((body["sources"] as? [[String: Any]])?.first?["recordId"] as? String == "\(s)-0")
            #expect(try server.auditActions().filter { $0 == "subject.view" }.count == 1)
            let missing = try await server.request("GET", "/subjects/probe-id", token: analyst)
            #expect(missing.status == 404)
            await server.stop()
        }

        @Test func mergeRepointsLeadsAndTellsWorkflowAndTheSource() async throws {
            let harness = try harness()
            defer { harness.remove() }
            let s = harness.schema
            let merged = try observer(harness, "merged", exchange: Exchange.events, routingKey: EventType.subjectMerged)
            let notices = try observer(harness, "notices", exchange: Exchange.outbound, routingKey: EventType.sourceErrorNotice)
            let audits = try observer(harness, "audits", exchange: Exchange.audit, routingKey: "audit.matcher.subject.merge")
            defer { BrokerTool.deleteQueues([merged, notices, audits]) }
            try harness.start()
            // Two records of one person that share too little to be linked: two subjects.
            let first = try received(Person(given: "Dorian", family: "Mockridge", passport: "M1029384"), record: "\(s)-1", source: "test/targeting")
            let second = try received(
                Person(given: "Dory", family: "Mockridge-Hale", dateOfBirth: "1988-12-04", sex: "F"), record: "\(s)-2", source: "test/partner")
            let decisions = try match(harness, [first, second])
            #expect(decisions[0].subjectID != decisions[1].subjectID)
            let (survivor, duplicate) = (decisions[0].subjectID, decisions[1].subjectID)

            let server = try await APITestServer.start(Matcher.descriptor(schema: s, queue: QueueSpec(name: harness.queue, bindings: [])), schema: s)
            let reviewer = try await issuer.token(user: "rev", roles: [.reviewer])
            let stale = try await server.request(
                "POST", "/subjects/\(duplicate)/merge", token: reviewer,
                json: #"{"into": "\#(survivor)", "reason": "same person"}"#, headers: ["If-Match": "\"7\""])
            #expect(stale.status == 412)
            let answer = try await server.request(
                "POST", "/subjects/\(duplicate)/merge", token: reviewer, json: #"{"into": "\#(survivor)", "reason": "same person"}"#)
            #expect(answer.status == 200)
            #expect((answer.json as? [String: Any])?["movedLeadIds"] as? [String] == [second.leadID])

            #expect(try linkedSubject(harness, lead: second.leadID) == survivor)
            let (status, into, leads, names) = try harness.withDatabase { db in
                let row = try db.execute(
                    "SELECT status, merged_into::text FROM \(s).subjects WHERE subject_id = $1::uuid", [PGValue(duplicate)]).rows[0]
                let kept = try db.execute(
                    "SELECT lead_count, jsonb_array_length(record->'names') FROM \(s).subjects WHERE subject_id = $1::uuid",
                    [PGValue(survivor)]).rows[0]
                return (try row.decode(String.self, at: 0), try row.decode(String?.self, at: 1), try kept.decode(Int.self, at: 0),
                        try kept.decode(Int.self, at: 1))
            }
            #expect(status == "merged" && into == survivor)
            #expect(leads == 2 && names == 2, "the survivor holds both leads and both names")

            let event = collect(merged, count: 1) { $0["mergedSubjectID"] as? String == duplicate }
            #expect(event.first?["subjectID"] as? String == survivor)
            #expect(event.first?["movedLeadIDs"] as? [String] == [second.leadID])
            #expect(event.first?["decidedBy"] as? String == "rev")
            let notice = collect(notices, count: 1) { $0["relatedSubjectID"] as? String == duplicate }
            #expect(notice.count == 1, "one notice, for the one source system whose record moved")
            #expect(notice.first?["kind"] as? String == "duplicateSubject")
            #expect(notice.first?["sourceSystem"] as? String == "test/partner")
            #expect((notice.first?["records"] as? [[String: Any]])?.first?["sourceRecordID"] as? String == "\(s)-2")
            let audit = collect(audits, count: 1) { ($0["subjectIDs"] as? [String])?.contains(duplicate) == true }
            let details = audit.first?["details"] as? [String: Any]
            #expect((details?["before"] as? [String: Any])?["merged"] != nil)
            #expect(((details?["after"] as? [String: Any])?["merged"] as? [String: Any])?["status"] as? String == "merged")

            // A lead of the person arriving now finds only the survivor.
            let third = try received(Person(given: "Dorian", family: "Mockridge", passport: "M1029384"), record: "\(s)-3", source: "test/targeting")
            let later = try #require(try match(harness, [third]).first)
            #expect(later.subjectID == survivor)
            try expectPackedRecordsMatch(harness, "after a merge")
            let again = try await server.request(
                "POST", "/subjects/\(duplicate)/merge", token: reviewer, json: #"{"into": "\#(survivor)"}"#)
            #expect(again.status == 409, "a merged subject cannot be merged again")
            await server.stop()
        }

        @Test func splitMovesLeadsWithTheirAttributesToANewSubject() async throws {
            let harness = try harness()
            defer { harness.remove() }
            let s = harness.schema
            let splits = try observer(harness, "split", exchange: Exchange.events, routingKey: EventType.subjectSplit)
            let notices = try observer(harness, "notices", exchange: Exchange.outbound, routingKey: EventType.sourceErrorNotice)
            let audits = try observer(harness, "audits", exchange: Exchange.audit, routingKey: "audit.matcher.subject.split")
            defer { BrokerTool.deleteQueues([splits, notices, audits]) }
            try harness.start()
            let avery = Person(given: "Avery", passport: "X7654321", address: RawAddress(lines: ["12 Example St"], city: "Testville", state: "TX", zip: "75001"))
            var again = avery
            again.address = RawAddress(lines: ["40 Sample Ave"], city: "Testville", state: "TX", zip: "75002")
            let a = try received(avery, record: "\(s)-A", source: "test/targeting")
            let b = try received(again, record: "\(s)-B", source: "test/partner")
            let decisions = try match(harness, [a, b])
            #expect(decisions[1].decision == .autoLink)
            let subject = decisions[0].subjectID

            let server = try await APITestServer.start(Matcher.descriptor(schema: s, queue: QueueSpec(name: harness.queue, bindings: [])), schema: s)
            let supervisor = try await issuer.token(user: "sup", roles: [.supervisor])
            let all = try await server.request(
                "POST", "/subjects/\(subject)/split", token: supervisor, json: #"{"leads": ["\#(a.leadID)", "\#(b.leadID)"]}"#)
            #expect(all.status == 422, "a split must leave the subject a lead")
            let answer = try await server.request(
                "POST", "/subjects/\(subject)/split", token: supervisor, json: #"{"leads": ["\#(b.leadID)"], "reason": "two people"}"#)
            #expect(answer.status == 201)
            let newSubject = try #require((answer.json as? [String: Any])?["subjectId"] as? String)
            #expect(newSubject != subject)
            #expect(try linkedSubject(harness, lead: b.leadID) == newSubject)
            #expect(try linkedSubject(harness, lead: a.leadID) == subject)

            let analyst = try await issuer.token(user: "ana", roles: [.analyst])
            let old = try #require(try await server.request("GET", "/subjects/\(subject)", token: analyst).json as? [String: Any])
            let new = try #require(try await server.request("GET", "/subjects/\(newSubject)", token: analyst).json as? [String: Any])
            func lines(_ detail: [String: Any]) -> [String] {
                ((detail["addresses"] as? [[String: Any]]) ?? []).compactMap { ($0["value"] as? [String: Any])?["line"] as? String }
            }
            #expect(lines(old).count == 1 && lines(new).count == 1)
            #expect(lines(old) != lines(new), "the moved lead's address went with it, the kept one's stayed")
            #expect((new["identifiers"] as? [[String: Any]])?.count == 1, "both leads gave the passport")
            #expect(old["leadCount"] as? Int == 1 && new["leadCount"] as? Int == 1)
            #expect(old["version"] as? Int == 3, "created, linked, split")

            let event = collect(splits, count: 1) { $0["subjectID"] as? String == subject }
            #expect(event.first?["newSubjectID"] as? String == newSubject)
            #expect(event.first?["movedLeadIDs"] as? [String] == [b.leadID])
            let notice = collect(notices, count: 1) { $0["relatedSubjectID"] as? String == subject }
            #expect(notice.first?["kind"] as? String == "conflatedSubject")
            #expect(notice.first?["sourceSystem"] as? String == "test/partner")
            let audit = collect(audits, count: 1) { ($0["subjectIDs"] as? [String])?.contains(newSubject) == true }
            #expect(audit.first?["leadIDs"] as? [String] == [b.leadID])
            let pair = try harness.withDatabase { db in
                try db.execute("SELECT decision FROM \(s).pair_decisions").rows.map { try $0.decode(String.self, at: 0) }
            }
            #expect(pair == ["different"], "the two are remembered as different people")
            try expectPackedRecordsMatch(harness, "after a split")
            await server.stop()
        }

        @Test func aDifferentDecisionKeepsThePairOutOfTheQueue() async throws {
            let harness = try harness()
            defer { harness.remove() }
            let s = harness.schema
            let audits = try observer(harness, "audits", exchange: Exchange.audit, routingKey: "audit.matcher.review.decide")
            defer { BrokerTool.deleteQueues([audits]) }
            try harness.start()
            // Same name and date of birth, sex differing: counter-evidence, so a review item.
            let one = try received(Person(given: "Emerson", family: "Stubbington", dateOfBirth: "1969-03-21", sex: "F"), record: "\(s)-1", source: "test/a")
            let two = try received(Person(given: "Emerson", family: "Stubbington", dateOfBirth: "1969-03-21", sex: "M"), record: "\(s)-2", source: "test/b")
            let decisions = try match(harness, [one, two])
            try #require(decisions[1].decision == .review, "the second lead is queued for review")
            let (s1, s2) = (decisions[0].subjectID, decisions[1].subjectID)

            let server = try await APITestServer.start(Matcher.descriptor(schema: s, queue: QueueSpec(name: harness.queue, bindings: [])), schema: s)
            let reviewer = try await issuer.token(user: "rev", roles: [.reviewer])
            let queue = try await server.request("GET", "/reviews?status=open", token: reviewer)
            #expect(queue.status == 200)
            let items = try #require((queue.json as? [String: Any])?["reviews"] as? [[String: Any]])
            let item = try #require(items.first { $0["leadId"] as? String == two.leadID })
            let reviewID = try #require(item["reviewId"] as? String)
            #expect(((item["candidates"] as? [[String: Any]])?.first?["subject"] as? [String: Any])?["subjectId"] as? String == s1)

            let unsure = try await server.request("POST", "/reviews/\(reviewID)/decision", token: reviewer, json: #"{"decision": "unsure", "note": "ask the source"}"#)
            #expect((unsure.json as? [String: Any])?["status"] as? String == "open", "unsure leaves it open")
            let different = try await server.request("POST", "/reviews/\(reviewID)/decision", token: reviewer, json: #"{"decision": "different", "note": "two people"}"#)
            #expect(different.status == 200)
            #expect((different.json as? [String: Any])?["status"] as? String == "distinct")
            let twice = try await server.request("POST", "/reviews/\(reviewID)/decision", token: reviewer, json: #"{"decision": "same"}"#)
            #expect(twice.status == 409)
            let decided = collect(audits, count: 2) { $0["objectID"] as? String == reviewID }
            #expect(decided.compactMap { ($0["details"] as? [String: Any])?["decision"] as? String }.sorted() == ["different", "unsure"])

            // A third record without the sex: as close to one as to the other. Without the
            // decision it would be queued against both; the pair is not asked again.
            let three = try received(Person(given: "Emerson", family: "Stubbington", dateOfBirth: "1969-03-21", sex: nil), record: "\(s)-3", source: "test/c")
            let third = try #require(try match(harness, [three]).first)
            #expect(third.decision == .review)
            let candidates = try harness.withDatabase { db in
                try db.execute("SELECT candidates::text FROM \(s).review_items WHERE lead_id = $1::uuid", [PGValue(three.leadID)])
                    .rows.map { try $0.decode(String.self, at: 0) }
            }
            let listed = try #require(candidates.first)
            #expect(!(listed.contains(s1) && listed.contains(s2)), "the reviewed pair is not offered together again")
            #expect(third.explanation.candidates.count == 2, "both were still scored")
            await server.stop()
        }
    }
}
