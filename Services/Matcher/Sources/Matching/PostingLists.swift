/// Blocking keys as sorted arrays: 64-bit key hashes, each with its range of subject ordinals
/// (a posting list), and the subject behind each ordinal. Immutable once built.
///
/// Ordinals follow the subjects' order (``SubjectKey``'s, which is PostgreSQL's uuid order), so
/// ranking can count and break ties on ordinals and look up only the subjects it keeps: at
/// 10M subjects each lookup in `subjectsByOrdinal` is a cache miss, and a lead's blocks hold
/// thousands of entries.
struct PostingLists: Sendable {
    private var hashes: [UInt64] = []
    private var starts: [UInt32] = [0]
    private var postings: [UInt32] = []
    private var subjectsByOrdinal: [SubjectKey] = []

    /// How many subjects have an ordinal (ordinals are 0..<subjectCount).
    var subjectCount: Int { subjectsByOrdinal.count }

    /// The subject behind an ordinal.
    func subject(_ ordinal: UInt32) -> SubjectKey { subjectsByOrdinal[Int(ordinal)] }

    /// The ordinal of a subject, if any key of the lists holds it.
    func ordinal(of subject: SubjectKey) -> UInt32? {
        var low = 0
        var high = subjectsByOrdinal.count
        while low < high {
            let mid = (low + high) / 2
            if subjectsByOrdinal[mid] < subject { low = mid + 1 } else { high = mid }
        }
        return low < subjectsByOrdinal.count && subjectsByOrdinal[low] == subject ? UInt32(low) : nil
    }

    /// The ordinals under `hash` (all keys with that hash), in posting order.
    func ordinals(for hash: UInt64) -> [UInt32] {
        var index = lowerBound(hash)
        var found: [UInt32] = []
        while index < hashes.count && hashes[index] == hash {
            found.append(contentsOf: postings[Int(starts[index])..<Int(starts[index + 1])])
            index += 1
        }
        return found
    }

    /// The subjects under `hash` (all keys with that hash), in posting order.
    func subjects(for hash: UInt64) -> [SubjectKey] {
        ordinals(for: hash).map(subject)
    }

    func contains(_ hash: UInt64, _ subject: SubjectKey) -> Bool {
        guard let ordinal = ordinal(of: subject) else { return false }
        return ordinals(for: hash).contains(ordinal)
    }

    private func lowerBound(_ hash: UInt64) -> Int {
        var low = 0
        var high = hashes.count
        while low < high {
            let mid = (low + high) / 2
            if hashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// This index with `overlay`'s entries added.
    func merging(_ overlay: [UInt64: [SubjectKey]]) -> PostingLists {
        var builder = Builder()
        var index = 0
        var blocks: [(UInt64, [SubjectKey])] = []
        blocks.reserveCapacity(hashes.count + overlay.count)
        while index < hashes.count {
            let hash = hashes[index]
            var block = subjects(for: hash)
            while index < hashes.count && hashes[index] == hash { index += 1 }
            block += overlay[hash] ?? []
            blocks.append((hash, block))
        }
        for (hash, block) in overlay where lowerBound(hash) == hashes.count || hashes[lowerBound(hash)] != hash {
            blocks.append((hash, block))
        }
        for (hash, block) in blocks { builder.add(hash: hash, subjects: block) }
        return builder.finish()
    }

    /// Accumulates rows (grouped by key, as the load reads them) into a ``PostingLists``.
    struct Builder {
        private var entries: [(hash: UInt64, start: UInt32, end: UInt32)] = []
        private var postings: [UInt32] = []
        private var ordinals: [SubjectKey: UInt32] = [:]
        private var subjects: [SubjectKey] = []
        private var currentKey: String?
        private var currentStart: UInt32 = 0
        private(set) var rows = 0

        mutating func add(key: String, subject: SubjectKey) {
            if key != currentKey {
                close()
                currentKey = key
                currentStart = UInt32(postings.count)
            }
            postings.append(ordinal(subject))
            rows += 1
        }

        mutating func add(hash: UInt64, subjects block: [SubjectKey]) {
            close()
            let start = UInt32(postings.count)
            for subject in block { postings.append(ordinal(subject)) }
            entries.append((hash, start, UInt32(postings.count)))
            rows += block.count
        }

        private mutating func ordinal(_ subject: SubjectKey) -> UInt32 {
            if let known = ordinals[subject] { return known }
            let next = UInt32(subjects.count)
            ordinals[subject] = next
            subjects.append(subject)
            return next
        }

        private mutating func close() {
            if let key = currentKey, UInt32(postings.count) > currentStart {
                entries.append((BlockingIndex.hash(key), currentStart, UInt32(postings.count)))
            }
            currentKey = nil
        }

        /// Sorted by hash; postings re-laid in that order so each entry's range is contiguous,
        /// and renumbered so that ordinals follow the subjects' order.
        consuming func finish() -> PostingLists {
            close()
            ordinals = [:]  // no longer needed: free it before the copies below
            entries.sort { $0.hash < $1.hash }
            var order = subjects.enumerated().map { (subject: $1, old: UInt32($0)) }
            subjects = []
            order.sort { $0.subject < $1.subject }
            var renumbered = [UInt32](repeating: 0, count: order.count)
            for (new, entry) in order.enumerated() { renumbered[Int(entry.old)] = UInt32(new) }
            var base = PostingLists()
            base.hashes.reserveCapacity(entries.count)
            base.starts.reserveCapacity(entries.count + 1)
            base.postings.reserveCapacity(postings.count)
            for entry in entries {
                base.hashes.append(entry.hash)
                for p in Int(entry.start)..<Int(entry.end) { base.postings.append(renumbered[Int(postings[p])]) }
                base.starts.append(UInt32(base.postings.count))
            }
            base.subjectsByOrdinal = order.map(\.subject)
            return base
        }
    }
}
