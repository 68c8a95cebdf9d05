import Foundation
import IngestCore
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage
import LeadTracSynthetic
import LeadTracTesting
import MatcherCore
import Synchronization
import Testing

@testable import MatcherService

// All people here are synthetic (the generator's invented names and numbers).

extension Integration {
    /// The matcher's in-memory blocking index against the SQL retrieval it replaces, on a real
    /// database: same candidates, and nothing written after the load is missed.
    @Suite struct BlockingIndexTests {
        private static let provenance = Provenance(
            system: "test/index", sourceKind: .upstreamSystem, sourceRecordID: "x", receivedAt: Date(timeIntervalSince1970: 1_790_000_000))

        /// A migrated matcher schema holding one subject per person of a synthetic population.
        private func seeded(people: Int) throws -> (SpineHarness, SyntheticPopulation) {
            let harness = try SpineHarness(
                prefix: "matcher_index",
                service: { schema, queue in Matcher.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
                observedRoutingKey: { _ in "test.none" })
            let population = SyntheticPopulation(seed: 11, count: people)
            let seeder = SubjectSeeder(schema: harness.schema)
            let leads = SyntheticLeadStream(population: population, duplicateRate: 0, recordIDPrefix: "IDX").compactMap { lead in
                (try? LeadNormaliser().normalise(lead.lead, provenance: Self.provenance).get()).map {
                    (leadID: UUID().uuidString.lowercased(), lead: $0)
                }
            }
            try harness.withDatabase { db in
                try seeder.prepare(on: db)
                try seeder.copy(leads, on: db)
                try seeder.finish(on: db)
            }
            return (harness, population)
        }

        /// Leads about the population: further records with errors, and clean ones.
        private func probes(_ population: SyntheticPopulation, count: Int) -> [MatchRecord] {
            SyntheticLeadStream(population: population, duplicateRate: 0.5, seed: 12, recordIDPrefix: "PRB").compactMap { lead in
                (try? LeadNormaliser().normalise(lead.lead, provenance: Self.provenance).get()).map(MatchRecordMapper.matchRecord(for:))
            }.prefix(count).map { $0 }
        }

        @Test func retrievesExactlyWhatTheSQLRetrieves() throws {
            let (harness, population) = try seeded(people: 400)
            defer { harness.remove() }
            let store = SubjectStore(schema: harness.schema)
            let index = BlockingIndex()
            let warmedWithIndexReady = Mutex<Bool?>(nil)
            index.afterLoading { _ in warmedWithIndexReady.withLock { $0 = index.isReady } }
            let loaded = try harness.withDatabase { try index.load(schema: harness.schema, on: $0) }
            #expect(loaded > 400 * 5, "every subject's keys are loaded")
            #expect(index.isReady)
            #expect(warmedWithIndexReady.withLock { $0 } == true, "the other caches warm up after the load")

            var found = 0
            var generic = 0
            try harness.withDatabase { db in
                for record in probes(population, count: 80) {
                    let keys = blockingKeys(for: record)
                    // A cap of 1 makes every shared block generic (twins share date keys, namesakes
                    // name keys); 500 keeps them all.
                    for cap in [1, 500] {
                        let (sql, memory) = try db.transaction { db in
                            (try store.retrieve(keys, cap: cap, limit: 5, kind: record.kind, on: db),
                             try index.retrieve(keys, cap: cap, limit: 5, kind: record.kind, store: store, on: db))
                        }
                        do {
                            #expect(memory.candidates.map(\.id) == sql.candidates.map(\.id))
                            #expect(memory.candidates.map(\.record) == sql.candidates.map(\.record))
                            #expect(Set(memory.genericKeys) == Set(sql.genericKeys))
                            #expect(memory.sharing == sql.sharing)
                            found += sql.candidates.count
                            generic += sql.genericKeys.count
                        }
                    }
                }
            }
            #expect(found > 100, "the probes meet subjects")
            #expect(generic > 0, "and some blocks are generic")
        }

        /// Another replica's subject, committed after the load, is found; so is a subject this
        /// transaction created, until it rolls back.
        @Test func findsWhatWasWrittenAfterTheLoadAndForgetsWhatRolledBack() throws {
            let (harness, _) = try seeded(people: 50)
            defer { harness.remove() }
            let store = SubjectStore(schema: harness.schema)
            let index = BlockingIndex()
            try harness.withDatabase { _ = try index.load(schema: harness.schema, on: $0) }

            func create(_ given: String, on db: PGConnection) throws -> (id: String, keys: [BlockingKey]) {
                let record = MatchRecord(
                    given: given, family: "Quellorymarsh", dateOfBirth: PartialDate(year: 1984, month: 6, day: 9), sex: nil,
                    countryOfBirth: nil, citizenship: [], identifiers: [], addresses: [])
                let id = UUID().uuidString.lowercased()
                let profile = SubjectProfile(newFrom: record, source: SourceRef(leadID: id, system: "test/index", recordID: id))
                try store.createSubject(id: id, profile: profile, primaryName: given, category: "overstay", departed: nil, on: db)
                let keys = blockingKeys(for: record)
                try store.index(keys: keys.map(\.text), termsOf: record, subjectID: id, lock: false, on: db)
                return (id, keys)
            }
            func retrieve(_ keys: [BlockingKey], on db: PGConnection) throws -> [String] {
                try index.retrieve(keys, cap: 500, limit: 50, kind: .person, store: store, on: db).candidates.map(\.id)
            }

            // Another connection (as another replica would) commits a subject after the load.
            let other = try harness.withDatabase { db in try db.transaction { try create("Tavinor", on: $0) } }
            try harness.withDatabase { db in
                let afterCommit = try db.transaction { db in try retrieve(other.keys, on: db) }
                #expect(afterCommit == [other.id])

                // This transaction's own subject is found within it, and gone after a rollback.
                struct RolledBack: Error {}
                var own: (id: String, keys: [BlockingKey])?
                var within: [String] = []
                #expect(throws: RolledBack.self) {
                    try db.transaction { db in
                        own = try create("Tavinor", on: db)
                        within = try retrieve(own!.keys, on: db)
                        throw RolledBack()
                    }
                }
                #expect(Set(within) == [other.id, own!.id])
                let afterRollback = try db.transaction { db in try retrieve(own!.keys, on: db) }
                #expect(afterRollback == [other.id])
            }
        }
    
        /// Records are held in memory too: one another transaction changed after the load is
        /// retrieved as changed, a subject merged away is no candidate any more, and this
        /// transaction's own change is seen within it and forgotten after a rollback.
        @Test func retrievesRecordsAsTheyAreAfterChangesSinceTheLoad() throws {
            let (harness, _) = try seeded(people: 50)
            defer { harness.remove() }
            let store = SubjectStore(schema: harness.schema)
            let index = BlockingIndex()
            let record = MatchRecord(given: "Tavinor", family: "Quellorymarsh", dateOfBirth: PartialDate(year: 1984, month: 6, day: 9))
            let keys = blockingKeys(for: record)
            let (first, second) = (UUID().uuidString.lowercased(), UUID().uuidString.lowercased())
            try harness.withDatabase { db in
                for id in [first, second] {
                    let profile = SubjectProfile(newFrom: record, source: SourceRef(leadID: id, system: "test/index", recordID: id))
                    try store.createSubject(id: id, profile: profile, primaryName: "Tavinor", category: "overstay", departed: nil, on: db)
                    try store.index(keys: keys.map(\.text), termsOf: record, subjectID: id, lock: false, on: db)
                }
                _ = try index.load(schema: harness.schema, on: db)
            }
            func retrieved(on db: PGConnection) throws -> (memory: [String: MatchRecord], sql: [String: MatchRecord]) {
                let memory = try index.retrieve(keys, cap: 500, limit: 50, kind: .person, store: store, on: db).candidates
                let sql = try store.retrieve(keys, cap: 500, limit: 50, kind: .person, on: db).candidates
                return (Dictionary(uniqueKeysWithValues: memory), Dictionary(uniqueKeysWithValues: sql))
            }
            func addPassport(_ value: String, to id: String, on db: PGConnection) throws {
                var subject = try #require(try store.subject(id, forUpdate: true, on: db))
                var lead = record
                lead.identifiers = [Identifier(type: "passport", issuer: "MEX", value: value)]
                _ = subject.profile.merge(lead, from: SourceRef(leadID: value, system: "test/index", recordID: value))
                _ = try store.updateSubject(subject, addedLeads: 1, category: "overstay", departed: nil, on: db)
            }

            // Another replica adds a passport to the first subject and merges the second away.
            try harness.withDatabase { db in
                try db.transaction { db in
                    try addPassport("X1000001", to: first, on: db)
                    try db.execute(
                        "UPDATE \(harness.schema).subjects SET status = 'merged', merged_into = $1::uuid WHERE subject_id = $2::uuid",
                        [PGValue(first), PGValue(second)])
                }
            }
            try harness.withDatabase { db in
                let after = try db.transaction { try retrieved(on: $0) }
                #expect(after.memory == after.sql)
                #expect(Set(after.memory.keys) == [first], "the merged subject is no candidate")
                #expect(after.memory[first]?.identifiers.map(\.value) == ["X1000001"])

                struct RolledBack: Error {}
                var within: [String: MatchRecord] = [:]
                #expect(throws: RolledBack.self) {
                    try db.transaction { db in
                        try addPassport("X1000002", to: first, on: db)
                        let both = try retrieved(on: db)
                        #expect(both.memory == both.sql)
                        within = both.memory
                        throw RolledBack()
                    }
                }
                #expect(Set(within[first]?.identifiers.map(\.value) ?? []) == ["X1000001", "X1000002"])
                let afterRollback = try db.transaction { try retrieved(on: $0) }
                #expect(afterRollback.memory[first]?.identifiers.map(\.value) == ["X1000001"])
            }
        }

        /// A replica starting against a large store learns the common names' counts with its
        /// index, instead of counting each on first sight (the slowest step a lead can hit).
        @Test func loadingRemembersTheCountsOfCommonNames() throws {
            // The generator's deliberately invalid records (~3 %) never become subjects.
            let (harness, _) = try seeded(people: SubjectStore.rememberFrom + 1_000)
            defer { harness.remove() }
            let store = SubjectStore(schema: harness.schema)
            let memory = MatcherMemory()
            let remembered = try harness.withDatabase { try store.rememberCommonNames(in: memory, minimum: 100, on: $0) }
            let exact = try harness.withDatabase { db in
                try db.execute(
                    """
                    SELECT term_kind, value, count(*) FROM \(harness.schema).subject_terms
                    WHERE term_kind IN ('family', 'given') GROUP BY 1, 2 HAVING count(*) >= 100
                    """
                ).rows.map { (SubjectTerms.key(try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)), try $0.decode(Int.self, at: 2)) }
            }
            #expect(!exact.isEmpty, "the synthetic population has names that common")
            #expect(remembered == exact.count)
            #expect(memory.nameCounts(exact.map(\.0)) == Dictionary(uniqueKeysWithValues: exact))
            let subjects = try harness.withDatabase { try $0.execute("SELECT count(*) FROM \(harness.schema).subjects").rows[0].decode(Int.self, at: 0) }
            #expect(subjects >= SubjectStore.rememberFrom)
            #expect(memory.subjectTotal() == subjects)

            // Below the size from which counts are remembered at all, nothing is.
            let (small, _) = try seeded(people: 300)
            defer { small.remove() }
            let none = try small.withDatabase { try SubjectStore(schema: small.schema).rememberCommonNames(in: MatcherMemory(), minimum: 1, on: $0) }
            #expect(none == 0)
        }
    }
}
