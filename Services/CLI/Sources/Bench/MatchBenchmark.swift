import Foundation
import IngestCore
import IngestService
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage
import LeadTracSynthetic
import LeadTracTesting
import Logging
import MatcherService

/// `leadtrac bench match`: the matcher's quality through the real pipeline, and its latency and
/// throughput against a large subject store.
///
/// Quality: labelled synthetic leads are written as JSON Lines, imported with the real batch
/// import (to the ingest consumer's queue), normalised and stored by the real ingest consumer,
/// announced as `lead.received.v1` on `leadtrac.events`, and matched by the real matcher consumer
/// (each in its own fresh schema). Then the matcher's lead links and review items are read back
/// and scored against the labels, pairwise.
struct MatchBenchmark {
    /// The matcher's settings under test (`LEADTRAC_MATCH_*` of the environment, like the service).
    var configuration = MatcherConfiguration.default

    // MARK: Quality

    struct Pairwise {
        var predicted = 0
        var truePositive = 0
        var actual = 0
        var precision: Double { predicted == 0 ? 1 : Double(truePositive) / Double(predicted) }
        var recall: Double { actual == 0 ? 1 : Double(truePositive) / Double(actual) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    struct Quality {
        var generated = 0
        var accepted = 0
        var rejected = 0
        var seconds = 0.0
        var autoLinks = 0
        var reviewItems = 0
        var auto = Pairwise()
        var autoAndReview = Pairwise()
        var autoAndCorrectReview = Pairwise()
        var falseLinkExamples: [String] = []
        var falseLinkSubjects = 0
        var decisions: [String: Int] = [:]
        /// (corruption, leads carrying it that joined none of their person's earlier subjects, leads carrying it).
        var missedByCorruption: [(String, Int, Int)] = []
        /// Leads that joined none of their person's earlier subjects, by the decision and reason the
        /// matcher gave them (with the best candidate's counter-evidence).
        var missedByReason: [(String, Int)] = []
        /// Review items by their best candidate's score (whole bits, rounded down): how many of
        /// those candidates are the lead's person and how many another person.
        var reviewsByScore: [Int: (same: Int, different: Int)] = [:]
        /// Review items whose best candidate is another person scoring at least
        /// ``wrongCandidateFloor`` bits, by that candidate's levels, its person's relation to the
        /// lead's (twin, household, none) and the lead's corruptions: what the decision rule
        /// must keep apart to link more automatically.
        var wrongCandidates: [(String, Int)] = []
    }

    static let wrongCandidateFloor = 0.0

    struct Label {
        var personID: String
        var corruptions: String
    }

    func quality(people: Int, duplicateRate: Double, seed: UInt64, batchSize: Int, log: (String) -> Void) throws -> Quality {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestServers.uniqueName("bench_match"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("leads.jsonl").path

        // 1. Labelled leads (labels stay here; only the leads travel).
        let stream = SyntheticLeadStream(population: SyntheticPopulation(seed: seed, count: people), duplicateRate: duplicateRate)
        var labels: [String: Label] = [:]
        labels.reserveCapacity(stream.count)
        let writer = SyntheticLeadWriter()
        var text = ""
        for lead in stream {
            labels[lead.sourceRecordID] = Label(personID: lead.personID, corruptions: lead.corruptions.map(\.rawValue).joined(separator: ";"))
            text += writer.jsonLine(lead) + "\n"
        }
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        text = ""
        log("generated \(stream.count) leads (\(stream.originalCount) people, \(stream.duplicateCount) further records)")

        // 2. Ingest and matcher, each a real consumer and relay in a fresh schema; the matcher's
        //    queue is bound to lead.received.* like the service's, on an exchange of the run's own
        //    (so the events never reach, or queue behind, a running system's queues).
        let ingest = try SpineHarness(
            prefix: "bench_mi",
            service: { schema, queue in Ingest.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) },
            observedRoutingKey: { _ in "bench.none" }, privateEvents: true)
        defer { ingest.remove() }
        let matcher = try SpineHarness(
            prefix: "bench_mm",
            service: { schema, queue in
                Matcher.descriptor(
                    schema: schema,
                    queue: QueueSpec(name: queue, bindings: [.init(exchange: ingest.eventsExchange, routingKey: "lead.received.*")]),
                    configuration: configuration)
            },
            observedRoutingKey: { _ in "bench.none" }, privateEvents: true)
        defer { matcher.remove() }
        ingest.batchSize = batchSize
        matcher.batchSize = batchSize
        let source = matcher.schema
        let system = "import/\(source)"

        // 3. Import (the rows wait in ingest's queue), then run the pipeline and time it.
        let mappingFile = folder.appendingPathComponent("mapping.yaml").path
        try "format: jsonl\ndefaults: { kind: person, category: overstay }\n".write(toFile: mappingFile, atomically: true, encoding: .utf8)
        var job = BatchImport(
            file: file, mapping: try ImportMapping.load(contentsOf: mappingFile), source: source, broker: try TestServers.broker())
        job.destinationQueue = ingest.queue
        let start = ContinuousClock.now
        let report = try job.run()
        var result = Quality(generated: stream.count, accepted: report.counts.accepted, rejected: report.counts.rejected)
        log("imported: accepted \(report.counts.accepted), rejected \(report.counts.rejected) (the generator's deliberate invalid rows)")
        try ingest.start()
        try matcher.start()
        var linked = 0
        let deadline = ContinuousClock.now + .seconds(3_600)
        var lastLog = ContinuousClock.now
        let counter = LinkCounter(schema: matcher.schema, sourceSystem: system)
        while linked < report.counts.accepted, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            linked = counter.count() ?? linked
            if ContinuousClock.now - lastLog > .seconds(10) {
                log("matched \(linked) of \(report.counts.accepted)")
                lastLog = ContinuousClock.now
            }
        }
        result.seconds = (ContinuousClock.now - start).seconds
        ingest.stopAndWait()
        matcher.stopAndWait()
        guard linked >= report.counts.accepted else {
            throw BenchmarkError(message: "only \(linked) of \(report.counts.accepted) leads were matched")
        }

        // 4. Read back and score.
        let (links, reviews) = try matcher.withDatabase { db in
            let links = try db.execute(
                """
                SELECT lead_id::text, subject_id::text, decision, source_record_id
                FROM \(matcher.schema).lead_links WHERE source_system = $1
                """,
                [PGValue(system)]
            ).rows.map {
                (lead: try $0.decode(String.self, at: 0), subject: try $0.decode(String.self, at: 1),
                 decision: try $0.decode(String.self, at: 2), record: try $0.decode(String.self, at: 3))
            }
            let reviews = try db.execute("SELECT subject_id::text, candidates::text, lead_id::text FROM \(matcher.schema).review_items").rows.map {
                (subject: try $0.decode(String.self, at: 0), candidates: try $0.decode(String.self, at: 1), lead: try $0.decode(String.self, at: 2))
            }
            return (links, reviews)
        }
        for link in links { result.decisions[link.decision, default: 0] += 1 }
        result.autoLinks = result.decisions["autoLink", default: 0]
        result.reviewItems = reviews.count

        let personOf = Dictionary(uniqueKeysWithValues: links.map { ($0.lead, labels[$0.record]?.personID ?? "?\($0.record)") })
        var leadsOfPerson: [String: Int] = [:]
        for link in links { leadsOfPerson[personOf[link.lead]!, default: 0] += 1 }
        let actual = leadsOfPerson.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }

        // Auto-links alone: leads sharing a subject.
        let subjectOf = Dictionary(uniqueKeysWithValues: links.map { ($0.lead, $0.subject) })
        result.auto = Self.pairwise(clusterOf: subjectOf, personOf: personOf, actual: actual)

        // Auto-links plus review candidates (as if every candidate were accepted), and plus only the
        // candidates that are right (as if reviewers decided perfectly): subjects joined by union-find.
        var personsOfSubject: [String: Set<String>] = [:]
        for link in links { personsOfSubject[link.subject, default: []].insert(personOf[link.lead]!) }
        var all = UnionFind()
        var correct = UnionFind()
        var wrongBest: [(lead: String, candidate: String, relation: String)] = []
        let population = stream.population
        func relation(_ a: Set<String>, _ b: Set<String>) -> String {
            let x = a.compactMap(population.person(withID:)), y = b.compactMap(population.person(withID:))
            if x.contains(where: { p in y.contains { $0.twinID == p.personID } }) { return "twin" }
            if x.contains(where: { p in p.householdID != nil && y.contains { $0.householdID == p.householdID } }) { return "household" }
            return "unrelated"
        }
        for review in reviews {
            let candidates = (try? JSONSerialization.jsonObject(with: Data(review.candidates.utf8)) as? [[String: Any]]) ?? []
            let mine = personsOfSubject[review.subject] ?? []
            for candidate in candidates.compactMap({ $0["subjectID"] as? String }) {
                all.union(review.subject, candidate)
                if !(personsOfSubject[candidate] ?? []).isDisjoint(with: mine) { correct.union(review.subject, candidate) }
            }
            if let best = candidates.first, let id = best["subjectID"] as? String, let score = best["score"] as? Double {
                let same = !(personsOfSubject[id] ?? []).isDisjoint(with: mine)
                result.reviewsByScore[Int(score.rounded(.down)), default: (0, 0)].same += same ? 1 : 0
                result.reviewsByScore[Int(score.rounded(.down)), default: (0, 0)].different += same ? 0 : 1
                if !same, score >= Self.wrongCandidateFloor {
                    wrongBest.append((review.lead, id, relation(mine, personsOfSubject[id] ?? [])))
                }
            }
        }
        result.autoAndReview = Self.pairwise(clusterOf: subjectOf.mapValues { all.find($0) }, personOf: personOf, actual: actual)
        result.autoAndCorrectReview = Self.pairwise(
            clusterOf: subjectOf.mapValues { correct.find($0) }, personOf: personOf, actual: actual)

        // Missed links by corruption: leads that arrived when their person already had a subject
        // and joined none of the subjects the person's earlier leads were in. Record ids are in
        // arrival order (the stream numbers them; one consumer matches them in that order), and a
        // person's original record always comes first.
        var missed: [String: Int] = [:]
        var missedWhy: [String: Int] = [:]
        var carrying: [String: Int] = [:]
        for link in links {
            for corruption in (labels[link.record]?.corruptions ?? "").split(separator: ";") { carrying[String(corruption), default: 0] += 1 }
        }
        var missedLeads: [(lead: String, own: Set<String>, corruptions: String)] = []
        for (_, leads) in Dictionary(grouping: links, by: { personOf[$0.lead]! }) where leads.count > 1 {
            var earlierSubjects: Set<String> = []
            for lead in leads.sorted(by: { $0.record < $1.record }) {
                defer { earlierSubjects.insert(lead.subject) }
                guard !earlierSubjects.isEmpty, !earlierSubjects.contains(lead.subject) else { continue }
                missedLeads.append((lead.lead, earlierSubjects, labels[lead.record]?.corruptions ?? ""))
                let corruptions = (labels[lead.record]?.corruptions ?? "").split(separator: ";").map(String.init)
                for corruption in corruptions.isEmpty ? ["(no corruption)"] : corruptions { missed[corruption, default: 0] += 1 }
            }
        }
        for (why, count) in try Self.whyMissed(missedLeads, harness: matcher) { missedWhy[why, default: 0] += count }
        let recordOf = Dictionary(uniqueKeysWithValues: links.map { ($0.lead, $0.record) })
        let wrong = try Self.levels(of: wrongBest.map { ($0.lead, [$0.candidate]) }, label: "candidate", harness: matcher)
        var wrongWhy: [String: Int] = [:]
        for item in wrongBest {
            let corruptions = recordOf[item.lead].flatMap { labels[$0]?.corruptions } ?? ""
            wrongWhy["\(item.relation) \(wrong[item.lead] ?? "?") \u{2190} \(corruptions)", default: 0] += 1
        }
        result.wrongCandidates = wrongWhy.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        result.missedByCorruption = missed.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ($0.key, $0.value, carrying[$0.key] ?? 0) }
        result.missedByReason = missedWhy.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ($0.key, $0.value) }

        // False links: subjects holding leads of more than one person (ids and corruptions only).
        let bySubject = Dictionary(grouping: links, by: { $0.subject })
        for (subject, members) in bySubject.sorted(by: { $0.key < $1.key }) {
            let persons = Dictionary(grouping: members) { personOf[$0.lead]! }
            guard persons.count > 1 else { continue }
            result.falseLinkSubjects += 1
            if result.falseLinkExamples.count < 10 {
                let parts = persons.keys.sorted().map { person in
                    let records = persons[person]!.map { "\($0.record)[\(labels[$0.record]?.corruptions ?? "")]" }.sorted()
                    return "\(person): \(records.joined(separator: ", "))"
                }
                result.falseLinkExamples.append("subject \(subject): " + parts.joined(separator: " | "))
            }
        }
        return result
    }

    /// Why each missed lead joined none of its person's earlier subjects: the decision and reason,
    /// then where the person's subject stood among the candidates the explanation lists (the five
    /// best) with its attribute levels and counter-evidence, or that it was not listed.
    static func whyMissed(
        _ missed: [(lead: String, own: Set<String>, corruptions: String)], harness: SpineHarness
    ) throws -> [String: Int] {
        let described = try levels(of: missed.map { ($0.lead, $0.own) }, harness: harness)
        var why: [String: Int] = [:]
        for lead in missed {
            guard let text = described[lead.lead] else { continue }
            why[text + " \u{2190} " + lead.corruptions, default: 0] += 1
        }
        return why
    }

    /// For each lead: its decision and reason, then where the first of `subjects` stood among
    /// the candidates its explanation lists (the five best), with its attribute levels and
    /// counter-evidence (`own#2 dob=exact fam=exact giv=phonetic`), or that none was listed.
    static func levels(
        of leads: [(lead: String, subjects: Set<String>)], label: String = "own", harness: SpineHarness
    ) throws -> [String: String] {
        let explanations = try harness.withDatabase { db in
            try db.execute(
                """
                SELECT lead_id::text, decision || ' ' || coalesce(explanation->'reasons'->>0, ''),
                       coalesce(explanation->>'candidatesConsidered', '0'), explanation->'candidates'
                FROM \(harness.schema).lead_links WHERE lead_id = ANY($1::uuid[])
                """, [PGValue(leads.map(\.lead))]
            ).rows.map {
                (try $0.decode(String.self, at: 0),
                 (try $0.decode(String.self, at: 1), try $0.decode(String.self, at: 2), try $0.decode(String.self, at: 3)))
            }
        }
        let byLead = Dictionary(explanations, uniquingKeysWith: { first, _ in first })
        var described: [String: String] = [:]
        let short = ["familyName": "fam", "givenName": "giv", "dateOfBirth": "dob", "address": "addr"]
        for lead in leads {
            guard let (decision, considered, candidatesJSON) = byLead[lead.lead] else { continue }
            let candidates = (try? JSONSerialization.jsonObject(with: Data(candidatesJSON.utf8)) as? [[String: Any]]) ?? []
            var text = decision
            if let rank = candidates.firstIndex(where: { lead.subjects.contains($0["subjectID"] as? String ?? "") }) {
                let own = candidates[rank]
                let counter = (own["counterEvidence"] as? [String] ?? []).sorted()
                if !counter.isEmpty { text += " [\(counter.joined(separator: ","))]" }
                let contributions = own["contributions"] as? [[String: Any]] ?? []
                let levels = contributions.compactMap { c -> (String, String)? in
                    guard let attribute = c["attribute"] as? String, let level = c["level"] as? String else { return nil }
                    if let name = short[attribute] { return (name, level) }
                    if attribute.hasPrefix("identifier:"), level == "exact",
                        !attribute.hasPrefix("identifier:phone"), !attribute.hasPrefix("identifier:email")
                    { return ("doc", level) }
                    return nil
                }.sorted { $0.0 < $1.0 }
                text += " \(label)#\(rank + 1) " + levels.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            } else {
                text += " \(label) subject not among the best \(candidates.count) of \(considered)"
            }
            described[lead.lead] = text
        }
        return described
    }

    static func pairwise(clusterOf: [String: String], personOf: [String: String], actual: Int) -> Pairwise {
        var members: [String: [String: Int]] = [:]
        for (lead, cluster) in clusterOf { members[cluster, default: [:]][personOf[lead]!, default: 0] += 1 }
        var result = Pairwise(actual: actual)
        for persons in members.values {
            let size = persons.values.reduce(0, +)
            result.predicted += size * (size - 1) / 2
            result.truePositive += persons.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        }
        return result
    }

    // MARK: Latency and throughput

    struct Speed {
        var subjects = 0
        var keys = 0
        var loadSeconds = 0.0
        /// The subjects were loaded by an earlier run (`--keep-store`), not by this one.
        var reusedStore = false
        var leads = 0
        var p50 = 0.0
        var p99 = 0.0
        var throughput = 0.0
        var batchSize = 0
        var consumers = 1
        var decisions: [String: Int] = [:]
        /// Candidates scored per lead (mean, p99) and generic keys skipped per lead (mean).
        var candidatesMean = 0.0
        var candidatesP99 = 0
        var genericKeysMean = 0.0
        /// The in-memory blocking index (when configured): rows loaded and seconds taken.
        var indexRows = 0
        var indexSeconds = 0.0
        /// The benchmark process's peak resident memory (it holds the consumer and its index).
        var peakResidentMB = 0.0
    }

    /// Loads `subjects` synthetic subjects with COPY, then measures (1) the service time per lead
    /// with batches of one lead, from the start times of consecutive transactions, and (2) the
    /// throughput of `consumers` real consumers (as many matcher replicas) with batches of
    /// `batchSize`.
    func speed(
        subjects: Int, leads: Int, batchSize: Int, consumers: Int, seed: UInt64, keptStore: String? = nil,
        log: (String) -> Void
    ) throws -> Speed {
        let index = BlockingIndex()
        let harness = try SpineHarness(
            prefix: "bench_ml",
            service: { [configuration] schema, queue in
                Matcher.descriptor(
                    schema: schema, queue: QueueSpec(name: queue, bindings: []), configuration: configuration, blockingIndex: index)
            },
            observedRoutingKey: { _ in "bench.none" }, privateEvents: true, keptSchema: keptStore)
        defer { harness.remove() }
        var result = Speed(subjects: subjects, batchSize: batchSize, consumers: consumers)

        // 1. The subject store, loaded in chunks (generation and COPY alternate), unless a kept
        //    store already holds it. Each run on a kept store streams other leads (run r uses
        //    stream seed + r and its own source system), so none is a replay of an earlier run's.
        let start = ContinuousClock.now
        let population = SyntheticPopulation(seed: seed, count: subjects)
        let normaliser = LeadNormaliser()
        let store = KeptStore(schema: harness.schema, subjects: subjects, seed: seed)
        let reused = try keptStore == nil ? nil : harness.withDatabase { try store.completedRuns(on: $0) }
        let run = keptStore == nil ? nil : reused ?? 0
        if let reused {
            result.reusedStore = true
            log("reusing the kept store \(harness.schema) (\(subjects) subjects, seed \(seed)); this is its run \(reused + 1)")
            result.keys = try harness.withDatabase { db in
                try db.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = '\(harness.schema).subject_keys'::regclass").rows[0]
                    .decode(Int.self, at: 0)
            }
        } else {
            let seeder = SubjectSeeder(schema: harness.schema)
            try harness.withDatabase { db in
                try seeder.prepare(on: db)
                var chunk: [(leadID: String, lead: CanonicalLead)] = []
                var loaded = 0
                func flush() throws {
                    let (_, k, _) = try seeder.copy(chunk, on: db)
                    result.keys += k
                    chunk.removeAll(keepingCapacity: true)
                }
                for lead in SyntheticLeadStream(population: population, duplicateRate: 0, recordIDPrefix: "SEED") {
                    guard let canonical = try? normaliser.normalise(lead.lead, provenance: Self.provenance("bench/seed", lead.sourceRecordID)).get()
                    else { continue }
                    chunk.append((EventID.derive(from: "bench/seed", type: "lead", discriminator: lead.sourceRecordID), canonical))
                    if chunk.count == 20_000 {
                        try flush()
                        loaded += 20_000
                        if loaded % 200_000 == 0 { log("loaded \(loaded) subjects") }
                    }
                }
                try flush()
                log("indexing \(result.keys) keys")
                try seeder.finish(on: db)
                if keptStore != nil { try store.markLoaded(on: db) }
            }
            result.loadSeconds = (ContinuousClock.now - start).seconds
            log(String(format: "loaded %d subjects, %d keys in %.0f s", subjects, result.keys, result.loadSeconds))
        }
        result.subjects = try harness.withDatabase { db in
            try db.execute("SELECT count(*) FROM \(harness.schema).subjects").rows[0].decode(Int.self, at: 0)
        }
        if configuration.memoryIndex {
            // As a starting replica does (there in the background, reading PostgreSQL meanwhile).
            let began = ContinuousClock.now
            result.indexRows = try harness.withDatabase { try index.load(schema: harness.schema, on: $0) }
            result.indexSeconds = (ContinuousClock.now - began).seconds
            log(String(format: "blocking index: %d rows loaded into memory in %.1f s", result.indexRows, result.indexSeconds))
        }

        // 2. A stream of new leads about the same population (further records with errors, and
        //    clean records of its people), as lead.received.v1.
        let (streamSeed, system) = run.map { (seed &+ 1 &+ UInt64($0), KeptStore.streamSystem(run: $0)) } ?? (seed &+ 1, "bench/stream")
        let stream = SyntheticLeadStream(population: population, duplicateRate: 0.5, seed: streamSeed, recordIDPrefix: "LAT")
        var events: [CloudEvent] = []
        for lead in stream.prefix(2 * leads) {
            guard let canonical = try? normaliser.normalise(lead.lead, provenance: Self.provenance(system, lead.sourceRecordID)).get()
            else { continue }
            let leadID = EventID.derive(from: system, type: "lead", discriminator: lead.sourceRecordID)
            let body = try ContractCoding.encoder().encode(LeadReceived(leadID: leadID, revision: 1, change: .created, lead: canonical))
            events.append(CloudEvent(id: leadID, source: "leadtrac/ingest", type: EventType.leadReceived, data: Array(body)))
            if events.count == 2 * leads { break }
        }
        let latencyEvents = Array(events.prefix(events.count / 2))
        let throughputEvents = Array(events.dropFirst(events.count / 2))

        // 3. Service time per lead: batches of one; consecutive transaction start times.
        log("service time: \(latencyEvents.count) leads at batch 1")
        harness.batchSize = 1
        try harness.publishToQueue(latencyEvents)
        try harness.start()
        try waitForLinks(harness, system: system, count: latencyEvents.count)
        harness.stopAndWait()
        let starts = try harness.withDatabase { db in
            try db.execute(
                "SELECT extract(epoch FROM linked_at)::float8 FROM \(harness.schema).lead_links WHERE source_system = $1 ORDER BY linked_at",
                [PGValue(system)]
            ).rows.map { try $0.decode(Double.self, at: 0) }
        }
        let gaps = zip(starts.dropFirst(), starts).map { $0 - $1 }.sorted()
        result.leads = latencyEvents.count
        result.p50 = gaps.isEmpty ? 0 : gaps[gaps.count / 2] * 1000
        result.p99 = gaps.isEmpty ? 0 : gaps[min(gaps.count - 1, Int(Double(gaps.count) * 0.99))] * 1000

        // 4. Throughput: the real consumer with batches, all leads queued first.
        log("throughput: \(throughputEvents.count) leads at batch \(batchSize)")
        harness.batchSize = batchSize
        try harness.publishToQueue(throughputEvents)
        let timed = ContinuousClock.now
        try harness.start(consumers: consumers)
        try waitForLinks(harness, system: system, count: latencyEvents.count + throughputEvents.count)
        result.throughput = Double(throughputEvents.count) / (ContinuousClock.now - timed).seconds
        harness.stopAndWait()
        try harness.withDatabase { db in
            let row = try db.execute(
                """
                SELECT avg((explanation->>'candidatesConsidered')::int)::float8,
                       percentile_disc(0.99) WITHIN GROUP (ORDER BY (explanation->>'candidatesConsidered')::int),
                       avg((SELECT coalesce(sum(value::int), 0) FROM jsonb_each_text(explanation->'genericKeysSkipped')))::float8
                FROM \(harness.schema).lead_links WHERE source_system = $1
                """, [PGValue(system)]).rows[0]
            result.candidatesMean = try row.decode(Double.self, at: 0)
            result.candidatesP99 = try row.decode(Int.self, at: 1)
            result.genericKeysMean = try row.decode(Double.self, at: 2)
        }
        result.decisions = try harness.withDatabase { db in
            try db.execute(
                "SELECT decision, count(*) FROM \(harness.schema).lead_links WHERE source_system = $1 GROUP BY decision", [PGValue(system)]
            ).rows.reduce(into: [:]) {
                $0[try $1.decode(String.self, at: 0)] = try $1.decode(Int.self, at: 1)
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        result.peakResidentMB = Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
        return result
    }

    /// Waits until `count` leads of `system` are linked.
    ///
    /// The links are counted only once the queue has nothing left to deliver: the count reads
    /// all of `lead_links`, which in a kept store holds every earlier run's leads (17,000 pages
    /// after a few runs at 10M, read five times a second, took a sixth off the throughput).
    private func waitForLinks(_ harness: SpineHarness, system: String, count: Int) throws {
        let deadline = ContinuousClock.now + .seconds(1_800)
        let counter = LinkCounter(schema: harness.schema, sourceSystem: system)
        var logger = Logger(label: "leadtrac.bench.match")
        logger.logLevel = .warning
        let broker = try AMQPConnection(configuration: try TestServers.broker(), name: "bench queue depth", logger: logger)
        defer { broker.close() }
        while ContinuousClock.now < deadline {
            // An error (the broker restarted) counts as an empty queue: the count decides.
            let waiting = (try? broker.declareQueue(harness.queue, passive: true).messages) ?? 0
            if waiting == 0, let linked = counter.count(), linked >= count { return }
            Thread.sleep(forTimeInterval: 0.2)  // the count itself costs the consumer a little
        }
        throw BenchmarkError(message: "the matcher did not finish in time")
    }

    static func provenance(_ system: String, _ record: String) -> Provenance {
        Provenance(system: system, sourceKind: .upstreamSystem, sourceRecordID: record, receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }
}

/// Disjoint sets of subject ids (path halving).
struct UnionFind {
    private var parent: [String: String] = [:]

    mutating func find(_ x: String) -> String {
        var x = x
        while let p = parent[x], p != x {
            let grand = parent[p] ?? p
            parent[x] = grand
            x = grand
        }
        return x
    }

    mutating func union(_ a: String, _ b: String) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[ra] = rb }
    }
}

/// Counts a schema's lead links (of one source system, if given) on one connection.
///
/// Why one: a connection per poll costs PostgreSQL a backend start and exit (with gigabytes of
/// shared buffers mapped), which the measured consumers would pay for. A failed count is "not
/// yet" and reconnects next time: other test runs restart the shared servers.
private final class LinkCounter {
    private let sql: String
    private let parameters: [PGValue]
    private let logger: Logger
    private var db: PGConnection?

    init(schema: String, sourceSystem: String? = nil) {
        sql = "SELECT count(*) FROM \(schema).lead_links" + (sourceSystem == nil ? "" : " WHERE source_system = $1")
        parameters = sourceSystem.map { [PGValue($0)] } ?? []
        var logger = Logger(label: "leadtrac.bench.match")
        logger.logLevel = .warning
        self.logger = logger
    }

    deinit { db?.close() }

    func count() -> Int? {
        do {
            let connection = try db ?? PGConnection(configuration: try TestServers.database(), logger: logger)
            db = connection
            return try connection.execute(sql, parameters).rows[0].decode(Int.self, at: 0)
        } catch {
            db?.close()
            db = nil
            return nil
        }
    }
}
