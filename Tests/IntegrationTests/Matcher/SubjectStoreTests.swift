import Foundation
import LeadTracMessaging
import LeadTracStorage
import LeadTracTesting
import Logging
import MatcherCore
import Synchronization
import Testing

@testable import MatcherService

// All people here are synthetic: an invented name and a made-up passport number.

extension Integration {
    /// The subject store's own guarantees, on a real database.
    @Suite struct SubjectStoreTests {
        /// A fresh, migrated matcher schema.
        private func matcherSchema() throws -> SpineHarness {
            try SpineHarness(
                prefix: "matcher_store",
                service: { schema, queue in Matcher.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
                observedRoutingKey: { _ in "test.none" })
        }

        /// Two transactions merging leads into one subject: the second reads the profile only
        /// once the first committed, so it merges into what the first wrote rather than
        /// overwriting it with a profile read before.
        @Test func aSubjectReadForUpdateWaitsForTheWriterAndSeesItsMergedValues() throws {
            let harness = try matcherSchema()
            defer { harness.remove() }
            let store = SubjectStore(schema: harness.schema)
            let id = UUID().uuidString.lowercased()
            let first = MatchRecord(given: "orla", family: "testperson", dateOfBirth: PartialDate(year: 1984, month: 6, day: 2))
            try harness.withDatabase { db in
                try store.createSubject(
                    id: id, profile: SubjectProfile(newFrom: first, source: SourceRef(leadID: "l-1", system: "test", recordID: "1")),
                    primaryName: "Orla Testperson", category: "overstay", departed: nil, on: db)
            }

            let writer = try PGConnection(configuration: TestServers.database(), logger: Logger(label: "test.writer"))
            defer { writer.close() }
            try writer.execute("BEGIN")
            var subject = try #require(try store.subject(id, forUpdate: true, on: writer))
            let passport = Identifier(type: "passport", issuer: "MEX", value: "X1234567")
            var second = first
            second.identifiers = [passport]
            _ = subject.profile.merge(second, from: SourceRef(leadID: "l-2", system: "test", recordID: "2"))
            _ = try store.updateSubject(subject, addedLeads: 1, category: "overstay", departed: nil, on: writer)

            let seen = Mutex<StoredSubject?>(nil)
            let schema = harness.schema
            let reader = Thread {
                do {
                    let connection = try PGConnection(configuration: TestServers.database(), logger: Logger(label: "test.reader"))
                    defer { connection.close() }
                    try connection.transaction { db in
                        let read = try SubjectStore(schema: schema).subject(id, forUpdate: true, on: db)
                        seen.withLock { $0 = read }
                    }
                } catch {
                    Issue.record("the reader failed: \(error)")
                }
            }
            reader.start()
            Thread.sleep(forTimeInterval: 0.5)
            #expect(seen.withLock { $0 } == nil, "the second reader waits for the first transaction")
            try writer.execute("COMMIT")
            #expect(eventually(timeout: .seconds(10)) { seen.withLock { $0 } != nil })
            let read = try #require(seen.withLock { $0 })
            #expect(read.profile.record.identifiers.contains(passport), "it sees the value the first one merged")
            #expect(read.leadCount == 2)
        }

        /// A value counted up to the cap is generic from then on, and not counted again: at 10M
        /// subjects, counting synthetic phone numbers shared by thousands cost PostgreSQL a
        /// hundred index entries per lead. Values below the cap are counted afresh every time.
        @Test func aValueCountedToTheCapIsRememberedAsGenericAndOthersAreRecounted() throws {
            let harness = try matcherSchema()
            defer { harness.remove() }
            let store = SubjectStore(schema: harness.schema)
            let phone = Identifier(type: "phone", value: "16175550130")
            let passport = Identifier(type: "passport", issuer: "MEX", value: "X7654321")
            func subject(_ given: String, _ identifier: Identifier, on db: PGConnection) throws -> String {
                var record = MatchRecord(given: given, family: "testperson")
                record.identifiers = [identifier]
                let id = UUID().uuidString.lowercased()
                try store.createSubject(
                    id: id, profile: SubjectProfile(newFrom: record, source: SourceRef(leadID: id, system: "test", recordID: id)),
                    primaryName: "\(given) Testperson", category: "overstay", departed: nil, on: db)
                try store.addTerms(of: record, subjectID: id, on: db)
                return id
            }
            var lead = MatchRecord(given: "orla", family: "testperson")
            lead.identifiers = [phone, passport]
            let phoneKey = SubjectTerms.key("id", TermValues.identifierKey(type: "phone", issuer: nil, value: phone.canonicalValue))
            let passportKey = SubjectTerms.key(
                "id", TermValues.identifierKey(type: "passport", issuer: "MEX", value: passport.canonicalValue))
            let memory = MatcherMemory()

            try harness.withDatabase { db in
                for given in ["ana", "bea", "cai", "dov"] { _ = try subject(given, phone, on: db) }
                _ = try subject("eli", passport, on: db)
                let first = try store.termCounts(for: [lead], memory: memory, valueCountCap: 3, on: db).counts
                #expect(first[phoneKey] == 3, "counted up to the cap")
                #expect(first[passportKey] == 1)
                #expect(memory.genericValues(among: [phoneKey, passportKey]) == [phoneKey])

                // Were the phone counted again it would now count nothing; the passport now counts 2.
                try db.execute("DELETE FROM \(harness.schema).subject_terms WHERE term_kind = 'id' AND value LIKE 'phone%'")
                _ = try subject("fay", passport, on: db)
                let second = try store.termCounts(for: [lead], memory: memory, valueCountCap: 3, on: db).counts
                #expect(second[phoneKey] == 3, "generic from memory, not counted")
                #expect(second[passportKey] == 2, "below the cap: counted afresh")
            }
        }
    }
}
