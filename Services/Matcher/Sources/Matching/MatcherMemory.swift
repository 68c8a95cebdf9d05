import Synchronization

/// What one matcher process remembers between leads because counting it in PostgreSQL for
/// every lead would cost more than all the rest of the matching.
///
/// Both are safe to be slightly out of date:
/// - **Generic blocking keys.** A block only grows (merges and splits move keys, rarely), so a
///   key once shared by more than the block cap stays generic; skipping it a little longer
///   than needed is the same skip the cap makes anyway.
/// - **Generic identifier and address values**, those whose count reached the counting cap
///   (``SubjectStore/termCounts(for:memory:nameCountCap:valueCountCap:on:)``). Such a value
///   is shared by far more subjects than any model's generic limit, and a merge or split moves a
///   value one subject at a time, so it stays generic. Counting it again cost PostgreSQL a hundred index entries per lead: at
///   10M subjects synthetic phone numbers and e-mail addresses are shared by thousands.
///   Other identifier and address counts are *not* remembered: a placeholder value becoming
///   shared must stop counting as evidence at once, and small counts are cheap to take.
/// - **Name counts** for term-frequency adjustment, kept for ``nameCountLifetime``: how common
///   "garcia" is moves by a fraction of a per cent in minutes.
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
    private let genericTerms = Mutex<Set<String>>([])
    private let names = Mutex<[String: Counted]>([:])
    private let total = Mutex<Counted?>(nil)

    init() {}

    // MARK: Generic keys

    /// The keys among `keys` known to be generic.
    func genericKeys(among keys: some Sequence<String>) -> Set<String> {
        generic.withLock { known in Set(keys.filter(known.contains)) }
    }

    func rememberGeneric(_ keys: some Collection<String>) {
        Self.remember(keys, in: generic)
    }

    // MARK: Generic values

    /// The identifier and address terms among `terms` (keys of ``SubjectTerms/key(_:_:)``)
    /// known to have reached the counting cap.
    func genericValues(among terms: some Sequence<String>) -> Set<String> {
        genericTerms.withLock { known in Set(terms.filter(known.contains)) }
    }

    func rememberGenericValues(_ terms: some Collection<String>) {
        Self.remember(terms, in: genericTerms)
    }

    /// Adds `members` to a set that is emptied rather than grown past ``capacity``.
    private static func remember(_ members: some Collection<String>, in set: borrowing Mutex<Set<String>>) {
        guard !members.isEmpty else { return }
        set.withLock { known in
            if known.count + members.count > capacity { known.removeAll(keepingCapacity: true) }
            known.formUnion(members)
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
