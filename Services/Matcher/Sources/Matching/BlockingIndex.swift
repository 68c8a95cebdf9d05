import Foundation
import LeadTracStorage
import Logging
import MatcherCore
import Synchronization

/// The blocking keys and packed records of every subject, held in the matcher's memory, so that
/// candidate retrieval reads a few arrays and a dictionary instead of thousands of B-tree
/// entries and ~50 rows per lead.
///
/// PostgreSQL stays the truth (`subject_keys`); this is a cache that is never stale where it
/// matters:
/// - **Load.** Once per process, in the background (retrieval reads PostgreSQL meanwhile): all
///   key rows and every subject's packed record, in one repeatable-read snapshot. The watermark becomes that snapshot's `xmin`:
///   every row written by an older transaction is in the load (or was rolled back).
/// - **Catch-up, per lead, after the lead's advisory locks are held.** Key rows written at or
///   after the watermark by *other* transactions are folded into an overlay, subject rows
///   written since (`subjects.written`, set on every insert and update) replace their records,
///   and the watermark moves to the statement's `xmin`. A subject another replica created under the
///   same keys held those locks until it committed, so it is visible now and caught.
/// - **Own transaction.** Rows this batch wrote (key rows for the lead's keys only, and subject
///   rows) are read with the catch-up, not cached: if the batch rolls back they are gone, and
///   if it commits a later catch-up folds them. A candidate whose record is not in memory
///   (which the catch-up should make impossible) is read from PostgreSQL.
///
/// Deletions are not followed: a merge or split deletes key rows (rarely, by a person), and the
/// stale entries only point at a merged subject, which the record fetch skips, or rank a split
/// subject under a key it lost. When the overlay grows past ``overlayLimit`` entries it is
/// compacted into the loaded arrays (all consumers of the process wait for that, about as long
/// as a load's sorting: seconds at millions of subjects).
///
/// The watermark cannot pass a writing transaction that is still open anywhere in the cluster;
/// while one is, every catch-up re-reads the rows written since (logged past
/// ``slowCatchUpRows``).
///
/// Memory: about 4 bytes per key row and 16 per distinct key, plus 16 per subject, twice that
/// while loading, and each subject's packed record (~200 bytes with its entry; see
/// docs/performance.md for the measured peaks).
public final class BlockingIndex: Sendable {
    static let overlayLimit = 2_000_000

    enum Phase: Sendable, Equatable {
        case idle
        case loading
        case ready
        /// The last load failed; try again after this instant.
        case failed(retryAfter: ContinuousClock.Instant)
    }

    private struct State: Sendable {
        var phase = Phase.idle
        var postings = PostingLists()
        var overlay: [UInt64: [SubjectKey]] = [:]
        var overlayEntries = 0
        var records: [SubjectKey: CachedRecord] = [:]
        var watermark: UInt64 = 0
        var logger: Logger?
    }

    /// A subject's packed record as retrieval needs it; `kind` is nil for a subject that is not
    /// active (merged), which is never a candidate.
    struct CachedRecord: Sendable {
        var packed: String
        var kind: MatchRecord.Kind?

        /// From a row of `subject_id, coalesce(packed, record::text), CASE status WHEN 'active' THEN kind END`.
        init(packed: String, activeKind: String?) {
            self.packed = packed
            self.kind = activeKind.flatMap(MatchRecord.Kind.init(rawValue:))
        }
    }

    /// The columns a ``CachedRecord`` is made from, after `subject_id`.
    private static let recordColumns = "coalesce(packed, record::text), CASE WHEN status = 'active' THEN kind END"

    /// A catch-up reading more rows than this is logged: some writing transaction has been open
    /// for long (xids are cluster-wide), holding the watermark back, so every lead re-reads all
    /// rows written since.
    static let slowCatchUpRows = 50_000

    private let state = Mutex(State())
    private let warmUp = Mutex<(@Sendable (PGConnection) throws -> Void)?>(nil)

    public init() {}

    var phase: Phase { state.withLock { $0.phase } }
    /// Loaded: retrieval reads memory (before, it reads PostgreSQL).
    public var isReady: Bool { phase == .ready }

    // MARK: Loading

    /// Starts the background load unless one ran, runs, or failed less than a minute ago.
    func startLoading(schema: String, database: DatabaseConfiguration, logger: Logger) {
        let start = state.withLock { state -> Bool in
            switch state.phase {
            case .idle: break
            case .failed(let after) where ContinuousClock.now >= after: break
            default: return false
            }
            state.phase = .loading
            state.logger = logger
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in
            do {
                let connection = try PGConnection(configuration: database, logger: logger)
                defer { connection.close() }
                let began = ContinuousClock.now
                let rows = try load(schema: schema, on: connection)
                logger.info(
                    "blocking index loaded",
                    metadata: ["match.index_rows": "\(rows)", "match.index_seconds": "\((ContinuousClock.now - began).components.seconds)"])
            } catch {
                logger.error("blocking index load failed; retrieval reads PostgreSQL", metadata: ["error": "\(error)"])
                state.withLock { $0.phase = .failed(retryAfter: .now + .seconds(60)) }
            }
        }
        thread.name = "matcher-blocking-index"
        thread.start()
    }

    /// Has `body` run after every load, on the loader's connection: the process's other caches
    /// warm up in the same background work (a failure there is logged, the index stays ready).
    func afterLoading(_ body: @escaping @Sendable (PGConnection) throws -> Void) {
        warmUp.withLock { $0 = body }
    }

    /// Loads every key row in one snapshot and makes the index ready, then runs the
    /// ``afterLoading(_:)`` work; returns the key rows read.
    @discardableResult
    public func load(schema: String, on db: PGConnection) throws -> Int {
        let table = "\(quoteIdentifier(schema)).subject_keys"
        var builder = PostingLists.Builder()
        var records: [SubjectKey: CachedRecord] = [:]
        var watermark: UInt64 = 0
        try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            watermark = try UInt64(
                db.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").rows[0].decode(String.self, at: 0)) ?? 0
            // In key order (the primary key's order, read from the index): each key's subjects
            // arrive together.
            try db.execute("DECLARE blocking_index_load NO SCROLL CURSOR FOR SELECT key, subject_id::text FROM \(table) ORDER BY key")
            while true {
                let result = try db.execute("FETCH 50000 FROM blocking_index_load")
                if result.rows.isEmpty { break }
                for row in result.rows {
                    builder.add(key: try row.decode(String.self, at: 0), subject: SubjectKey(try row.decode(String.self, at: 1)))
                }
            }
            try db.execute(
                "DECLARE blocking_index_records NO SCROLL CURSOR FOR SELECT subject_id::text, \(Self.recordColumns) FROM \(quoteIdentifier(schema)).subjects")
            while true {
                let result = try db.execute("FETCH 50000 FROM blocking_index_records")
                if result.rows.isEmpty { break }
                records.reserveCapacity(records.count + result.rows.count)
                for row in result.rows {
                    records[SubjectKey(try row.decode(String.self, at: 0))] = CachedRecord(
                        packed: try row.decode(String.self, at: 1), activeKind: try row.decode(String?.self, at: 2))
                }
            }
            try db.execute("COMMIT")
        } catch {
            _ = try? db.execute("ROLLBACK")
            throw error
        }
        let rows = builder.rows
        let postings = builder.finish()
        state.withLock { state in
            state.postings = postings
            state.records = records
            state.overlay = [:]
            state.overlayEntries = 0
            state.watermark = watermark
            state.phase = .ready
        }
        if let body = warmUp.withLock({ $0 }) {
            do {
                try body(db)
            } catch {
                state.withLock { $0.logger }?.warning("warming the matcher's caches failed", metadata: ["error": "\(error)"])
            }
        }
        return rows
    }

    // MARK: Retrieval

    /// Catches up with other transactions' keys, then ranks the subjects sharing `keys` as
    /// ``SubjectStore/retrieve(_:cap:limit:kind:on:)`` does in SQL (same ranking, ties and
    /// generic keys), and fetches the best `limit` records.
    ///
    /// Call with the lead's advisory locks held, inside the batch's transaction.
    func retrieve(
        _ keys: [BlockingKey], cap: Int, limit: Int, kind: MatchRecord.Kind, store: SubjectStore, on db: PGConnection
    ) throws -> SubjectStore.Retrieval {
        let own = try catchUp(keys: keys, schema: store.schema, on: db)
        return try candidates(keys, cap: cap, limit: limit, kind: kind, own: own, store: store, on: db)
    }

    /// Ranks the subjects sharing `keys` (the index as caught up last, plus `own`: rows the
    /// caller's transaction wrote or is about to write) and fetches the best `limit` records.
    /// Reads PostgreSQL only for a candidate whose record is in neither.
    func candidates(
        _ keys: [BlockingKey], cap: Int, limit: Int, kind: MatchRecord.Kind, own: Own, store: SubjectStore,
        on db: PGConnection
    ) throws -> SubjectStore.Retrieval {
        let ranked = rank(keys, cap: cap, limit: limit, own: own.keys)
        var retrieval = SubjectStore.Retrieval()
        retrieval.genericKeys = ranked.generic
        retrieval.sharing = ranked.sharing
        let cached = state.withLock { state in ranked.best.map { own.records[$0] ?? state.records[$0] } }
        var missing: [String] = []
        for (subject, entry) in zip(ranked.best, cached) {
            guard let entry else {
                missing.append(subject.uuidString)
                continue
            }
            if entry.kind == kind { retrieval.candidates.append((subject.uuidString, try SubjectStore.record(entry.packed))) }
        }
        if !missing.isEmpty { retrieval.candidates += try store.records(missing, kind: kind, on: db) }
        retrieval.candidates.sort { $0.id < $1.id }
        return retrieval
    }

    /// What this transaction wrote itself, as ``catchUp(keys:schema:on:)`` returns it (or, for
    /// a batch that writes at its end, what it will write).
    struct Own: Sendable {
        /// Key rows for the lead's keys: hash → subjects.
        var keys: [UInt64: [SubjectKey]] = [:]
        /// Every subject row it wrote.
        var records: [SubjectKey: CachedRecord] = [:]
    }

    /// Folds rows written by other transactions since the watermark into the overlay and the
    /// records, and returns this transaction's own rows.
    func catchUp(keys: [BlockingKey], schema: String, on db: PGConnection) throws -> Own {
        let table = "\(quoteIdentifier(schema)).subject_keys"
        let since = state.withLock { $0.watermark }
        let result = try db.execute(
            """
            SELECT CASE WHEN written = (SELECT pg_current_xact_id()) THEN 1 ELSE 0 END, key, subject_id::text, NULL
            FROM \(table)
            WHERE written >= $1::text::xid8 AND (written <> (SELECT pg_current_xact_id()) OR key = ANY($2::text[]))
            UNION ALL
            SELECT CASE WHEN written = (SELECT pg_current_xact_id()) THEN 4 ELSE 3 END, \(Self.recordColumns), subject_id::text
            FROM \(quoteIdentifier(schema)).subjects WHERE written >= $1::text::xid8
            UNION ALL
            SELECT 2, pg_snapshot_xmin(pg_current_snapshot())::text, NULL, NULL
            """, [PGValue(String(since)), PGValue(keys.map(\.text))])
        var others: [(UInt64, SubjectKey)] = []
        var otherRecords: [(SubjectKey, CachedRecord)] = []
        var own = Own()
        var xmin = since
        for row in result.rows {
            switch try row.decode(Int.self, at: 0) {
            case 0: others.append((Self.hash(try row.decode(String.self, at: 1)), SubjectKey(try row.decode(String.self, at: 2))))
            case 1: own.keys[Self.hash(try row.decode(String.self, at: 1)), default: []].append(SubjectKey(try row.decode(String.self, at: 2)))
            case 3, 4:
                let record = CachedRecord(packed: try row.decode(String.self, at: 1), activeKind: try row.decode(String?.self, at: 2))
                let subject = SubjectKey(try row.decode(String.self, at: 3))
                if try row.decode(Int.self, at: 0) == 4 { own.records[subject] = record } else { otherRecords.append((subject, record)) }
            default: xmin = UInt64(try row.decode(String.self, at: 1)) ?? since
            }
        }
        if others.count > Self.slowCatchUpRows, let logger = state.withLock({ $0.logger }) {
            logger.warning(
                "blocking index catch-up is slow: a long-open writing transaction holds its watermark back",
                metadata: ["match.catch_up_rows": "\(others.count)"])
        }
        state.withLock { state in
            for (subject, record) in otherRecords { state.records[subject] = record }
            for (hash, subject) in others where !state.postings.contains(hash, subject) {
                if state.overlay[hash]?.contains(subject) == true { continue }
                state.overlay[hash, default: []].append(subject)
                state.overlayEntries += 1
            }
            // Every transaction below the statement's xmin had finished, and its rows were read.
            state.watermark = max(state.watermark, xmin)
            if state.overlayEntries > Self.overlayLimit {
                state.postings = state.postings.merging(state.overlay)
                state.overlay = [:]
                state.overlayEntries = 0
            }
        }
        return own
    }

    struct Ranked {
        var generic: [String] = []
        var sharing = 0
        var best: [SubjectKey] = []
    }

    /// Ranks the subjects in the keys' blocks (loaded, caught up and `own`), like the SQL.
    func rank(_ keys: [BlockingKey], cap: Int, limit: Int, own: [UInt64: [SubjectKey]]) -> Ranked {
        struct Shared {
            var weights = SIMD8<UInt8>(repeating: 0)
            var keys: Int32 = 0

            mutating func add(_ weight: UInt8, at slot: Int) {
                weights[slot] = max(weights[slot], weight)
                keys += 1
            }
        }
        var ranked = Ranked()
        // Under the lock only a snapshot: the posting lists (immutable, so a copy is a few
        // retains) and the keys' overlay entries. The counting runs outside it, so the consumer
        // loops sharing this index rank side by side instead of queueing on the lock.
        let hashes = keys.map { Self.hash($0.text) }
        let (postings, overlays) = state.withLock { state in (state.postings, hashes.map { state.overlay[$0] ?? [] }) }
        // Subjects are counted by ordinal; those the lists do not hold (written since the load)
        // get the numbers after the lists' own.
        let listed = UInt32(postings.subjectCount)
        var unlisted: [SubjectKey] = []
        var unlistedNumbers: [SubjectKey: UInt32] = [:]
        func number(_ subject: SubjectKey) -> UInt32 {
            if let ordinal = postings.ordinal(of: subject) { return ordinal }
            if let known = unlistedNumbers[subject] { return known }
            unlisted.append(subject)
            unlistedNumbers[subject] = listed + UInt32(unlisted.count - 1)
            return listed + UInt32(unlisted.count - 1)
        }
        func subject(_ number: UInt32) -> SubjectKey {
            number < listed ? postings.subject(number) : unlisted[Int(number - listed)]
        }
        var shared: [UInt32: Shared] = [:]
        shared.reserveCapacity(256)
        for (key, (hash, overlay)) in zip(keys, zip(hashes, overlays)) {
            var block = postings.ordinals(for: hash)
            let extra = overlay + (own[hash] ?? [])
            if !extra.isEmpty {
                var seen = Set(block)
                for subject in extra {
                    let entry = number(subject)
                    if seen.insert(entry).inserted { block.append(entry) }
                }
            }
            if block.count > cap {
                ranked.generic.append(key.text)
                continue
            }
            let slot = Self.kindSlot[key.kind]!
            let weight = UInt8(key.retrievalWeight)
            for entry in block {
                // In place: one hash lookup per entry, not a read and a write.
                shared[entry, default: Shared()].add(weight, at: slot)
            }
        }
        ranked.sharing = shared.count
        let order = shared.map { (number: $0.key, weight: Int($0.value.weights.wrappedSum()), keys: $0.value.keys) }
            .sorted {
                if $0.weight != $1.weight { return $0.weight > $1.weight }
                if $0.keys != $1.keys { return $0.keys > $1.keys }
                // Ordinals are in subject order; only an unlisted subject needs its key.
                if $0.number < listed && $1.number < listed { return $0.number < $1.number }
                return subject($0.number) < subject($1.number)
            }
        ranked.best = order.prefix(limit).map { subject($0.number) }
        return ranked
    }

    private static let kindSlot: [BlockingKey.Kind: Int] = Dictionary(
        uniqueKeysWithValues: BlockingKey.Kind.allCases.enumerated().map { ($1, $0) })

    /// FNV-1a, 64 bits: two distinct keys colliding (about one pair in 10^11 at 10M subjects)
    /// only merge two blocks.
    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
