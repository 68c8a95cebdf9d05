import ArgumentParser
import Foundation
import LeadTracRuntime
import MatcherService

/// `leadtrac bench match`: matching quality through the real pipeline (batch import → ingest →
/// matcher), or, with `--subjects N`, latency and throughput against N loaded subjects.
struct MatchBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Matching quality (pairwise precision/recall/F1, review queue, false links), or latency with --subjects.",
        discussion: """
            Quality (default): --people N --dup-rate R --seed S, one consumer (leads are matched in arrival order).
            Latency: --subjects N [--leads 2000] [--consumers C] [--batch B] [--keep-store SCHEMA].
            With --keep-store the loaded subjects stay in SCHEMA, and a later run naming it (with the same
            --subjects and --seed) measures them again without loading; each run streams other leads.
            Uses the test servers (LEADTRAC_TEST_AMQP_URL, LEADTRAC_TEST_DATABASE_URL) and fresh schemas and queues.
            The matcher reads its settings (LEADTRAC_MATCH_*) from the environment, as the service does.
            """)

    @Option(help: "True people (quality mode).") var people = 100_000
    @Option(name: .customLong("dup-rate"), help: "Fraction of leads that are further records of a person.") var dupRate = 0.3
    @Option(help: "Seed of the synthetic data.") var seed: UInt64 = 1
    @Option(help: "Consumer batch size (quality: 100; throughput: the matcher's default, 20).") var batch: Int?
    @Option(help: "Latency mode: competing consumers in the throughput phase (default LEADTRAC_MATCH_CONSUMERS, 2).")
    var consumers: Int?
    @Option(help: "Latency mode: load this many subjects with COPY, then match a stream of leads.") var subjects: Int?
    @Option(
        name: .customLong("keep-store"),
        help: "Latency mode: load the subjects into this schema (bench_...) and keep it, or reuse it if an earlier run loaded it.")
    var keepStore: String?
    @Option(help: "Latency mode: leads per phase (service time at batch 1, then throughput at --batch).") var leads = 2_000

    func validate() throws {
        guard people > 0, (0..<1).contains(dupRate) else { throw ValidationError("--people > 0 and 0 ≤ --dup-rate < 1") }
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be positive") }
        if let consumers, !(1...16).contains(consumers) { throw ValidationError("--consumers must be 1 to 16") }
        if let batch, !(1...5_000).contains(batch) { throw ValidationError("--batch must be 1 to 5000") }
        if let keepStore {
            guard subjects != nil else { throw ValidationError("--keep-store needs --subjects") }
            // The prefix keeps a benchmark from ever writing into (or reusing) a service's schema.
            guard keepStore.wholeMatch(of: /bench_[a-z0-9_]{1,57}/) != nil else {
                throw ValidationError("--keep-store: a schema name starting with bench_, then lower-case letters, digits and _")
            }
        }
    }

    func run() throws {
        let log: (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        let benchmark = MatchBenchmark(configuration: try MatcherConfiguration(environment: Environment()))
        log("matcher settings: " + benchmark.configuration.description.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        if let subjects {
            let r = try benchmark.speed(
                subjects: subjects, leads: leads, batchSize: batch ?? Matcher.defaultBatchSize,
                consumers: consumers ?? benchmark.configuration.consumers, seed: seed, keptStore: keepStore, log: log)
            if let keepStore, r.reusedStore {
                print(String(format: "subjects: %d (~%d blocking keys), kept in schema %@ by an earlier run", r.subjects, r.keys, keepStore))
            } else {
                print(String(format: "subjects: %d (%d blocking keys), loaded with COPY in %.0f s", r.subjects, r.keys, r.loadSeconds))
            }
            print(String(format: "service time per lead (batch 1, %d leads): p50 %.2f ms, p99 %.2f ms", r.leads, r.p50, r.p99))
            let consumers = r.consumers == 1 ? "1 consumer" : "\(r.consumers) consumers"
            print(String(format: "throughput (batch %d, \(consumers), %d leads): %.0f leads/s", r.batchSize, r.leads, r.throughput))
            print("decisions: " + r.decisions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            print(String(
                format: "candidates scored per lead: mean %.0f, p99 %d; generic keys skipped per lead: mean %.1f",
                r.candidatesMean, r.candidatesP99, r.genericKeysMean))
            if r.indexRows > 0 {
                print(String(format: "blocking index in memory: %d key rows loaded in %.1f s", r.indexRows, r.indexSeconds))
            } else {
                print("blocking index in memory: off (LEADTRAC_MATCH_MEMORY_INDEX=false), retrieval reads PostgreSQL")
            }
            print(String(format: "benchmark process peak resident memory: %.0f MB (consumer, index, generated leads)", r.peakResidentMB))
            return
        }
        let q = try benchmark.quality(people: people, duplicateRate: dupRate, seed: seed, batchSize: batch ?? 100, log: log)
        print(String(
            format: "leads: %d generated, %d accepted, %d rejected by intake; pipeline %.0f s (%.0f leads/s)",
            q.generated, q.accepted, q.rejected, q.seconds, Double(q.accepted) / q.seconds))
        print("decisions: " + q.decisions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        func row(_ name: String, _ p: MatchBenchmark.Pairwise) {
            print(name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(
                format: "precision %.4f  recall %.4f  F1 %.4f  (%d predicted pairs, %d true, %d correct)",
                p.precision, p.recall, p.f1, p.predicted, p.actual, p.truePositive))
        }
        row("auto-links", q.auto)
        row("auto + review candidates", q.autoAndReview)
        row("auto + correct reviews", q.autoAndCorrectReview)
        print(String(format: "review queue: %d items = %.2f%% of leads", q.reviewItems, Double(q.reviewItems) * 100 / Double(max(1, q.accepted))))
        print("review items by the best candidate's score (bits): same person / another person")
        for (bits, counts) in q.reviewsByScore.sorted(by: { $0.key > $1.key }) {
            print("  [\(bits), \(bits + 1))\t\(counts.same) / \(counts.different)")
        }
        print("leads that joined none of their person's earlier subjects, by corruption (missed / leads carrying it):")
        for (corruption, missed, carrying) in q.missedByCorruption.prefix(12) {
            print("  \(corruption.padding(toLength: 24, withPad: " ", startingAt: 0)) \(missed) / \(carrying)")
        }
        var byReason: [String: Int] = [:]
        for (why, missed) in q.missedByReason {
            // "decision reason [counter-evidence]" without the levels.
            let words = why.split(separator: " ")
            let key = words.prefix(2) + words.dropFirst(2).prefix(1).filter { $0.hasPrefix("[") }
            byReason[key.joined(separator: " "), default: 0] += missed
        }
        print("the same leads by the matcher's decision, reason and counter-evidence:"
            + byReason.sorted { $0.value > $1.value }.map { "\n  \($0.value)\t\($0.key)" }.joined())
        print("the same leads by the matcher's decision, reason [counter-evidence] and attribute levels of their person's subject:")
        for (why, missed) in q.missedByReason.prefix(25) {
            print("  \(missed)\t\(why)")
        }
        print(String(
            format: "review items whose best candidate is another person at %.0f bits or more, by relation, levels and the lead's corruptions:",
            MatchBenchmark.wrongCandidateFloor))
        for (why, count) in q.wrongCandidates.prefix(40) {
            print("  \(count)\t\(why)")
        }
        print("false links: \(q.falseLinkSubjects) subjects hold leads of more than one person")
        for example in q.falseLinkExamples { print("  " + example) }
    }
}
