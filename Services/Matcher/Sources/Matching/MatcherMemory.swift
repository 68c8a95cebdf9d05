import Synchronization

/// What one matcher process remembers between leads because counting it in PostgreSQL for
/// every lead would cost more than all the rest of the matching.
///
/// Both are safe to be slightly out of date:
/// - **Generic blocking keys.** A block only grows (merges and splits move keys, rarely), so a
///   key once shared by more than the block cap stays generic; skipping it a little longer
///   than needed is the same skip the cap makes anyway.
/// - **Name counts** for term-frequency adjustment, kept for ``nameCountLifetime``: how common
///   "garcia" is moves by a fraction of a per cent in minutes. Identifier and address counts
///   are *not* remembered: a placeholder value becoming shared must stop counting as evidence
///   at once, and those counts are small and cheap to take.
///
/// Sizes are bounded: when a table is full it is emptied and fills again from PostgreSQL.
final class MatcherMemory: Sendable {
    static let nameCountLifetime: Duration = .seconds(600)
    static let capacity = 200_000

    private struct Counted {
        var count: Int
        var at: ContinuousClock.Instant
    }

    private let generic = Mutex<Set<String>>([])
    private let names = Mutex<[String: Counted]>([:])
    private let total = Mutex<Counted?>(nil)

    init() {}

    // MARK: Generic keys

    /// The keys among `keys` known to be generic.
    func genericKeys(among keys: some Sequence<String>) -> Set<String> {
        generic.withLock { known in Set(keys.filter(known.contains)) }
    }

    func rememberGeneric(_ keys: some Collection<String>) {
        guard !keys.isEmpty else { return }
        generic.withLock { known in
            if known.count + keys.count > Self.capacity { known.removeAll(keepingCapacity: true) }
            known.formUnion(keys)
        }
    }

    // MARK: Name counts

    /// The remembered, still fresh counts of `terms` (keys of ``SubjectTerms/key(_:_:)``).
    func nameCounts(_ terms: some Sequence<String>, now: ContinuousClock.Instant = .now) -> [String: Int] {
        names.withLock { table in
            var found: [String: Int] = [:]
            for term in terms {
                if let counted = table[term], now - counted.at < Self.nameCountLifetime { found[term] = counted.count }
            }
            return found
        }
    }

    func rememberNameCounts(_ counts: [String: Int], now: ContinuousClock.Instant = .now) {
        guard !counts.isEmpty else { return }
        names.withLock { table in
            if table.count + counts.count > Self.capacity { table.removeAll(keepingCapacity: true) }
            for (term, count) in counts { table[term] = Counted(count: count, at: now) }
        }
    }

    /// The remembered subject total, if still fresh.
    func subjectTotal(now: ContinuousClock.Instant = .now) -> Int? {
        total.withLock { counted in
            guard let counted, now - counted.at < Self.nameCountLifetime else { return nil }
            return counted.count
        }
    }

    func rememberSubjectTotal(_ count: Int, now: ContinuousClock.Instant = .now) {
        total.withLock { $0 = Counted(count: count, at: now) }
    }
}
