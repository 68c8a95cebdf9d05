/// Blocking keys as sorted arrays: 64-bit key hashes, each with its range of subject ordinals
/// (a posting list), and the subject behind each ordinal. Immutable once built.
struct PostingLists: Sendable {
    private var hashes: [UInt64] = []
    private var starts: [UInt32] = [0]
    private var postings: [UInt32] = []
    private var subjectsByOrdinal: [SubjectKey] = []

    /// The subjects under `hash` (all keys with that hash).
    func subjects(for hash: UInt64) -> [SubjectKey] {
        var index = lowerBound(hash)
        var found: [SubjectKey] = []
        while index < hashes.count && hashes[index] == hash {
            for p in Int(starts[index])..<Int(starts[index + 1]) { found.append(subjectsByOrdinal[Int(postings[p])]) }
            index += 1
        }
        return found
    }

    func contains(_ hash: UInt64, _ subject: SubjectKey) -> Bool {
        subjects(for: hash).contains(subject)
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

        /// Sorted by hash; postings re-laid in that order so each entry's range is contiguous.
        consuming func finish() -> PostingLists {
            close()
            entries.sort { $0.hash < $1.hash }
            var base = PostingLists()
            base.hashes.reserveCapacity(entries.count)
            base.starts.reserveCapacity(entries.count + 1)
            base.postings.reserveCapacity(postings.count)
            for entry in entries {
                base.hashes.append(entry.hash)
                base.postings.append(contentsOf: postings[Int(entry.start)..<Int(entry.end)])
                base.starts.append(UInt32(base.postings.count))
            }
            base.subjectsByOrdinal = subjects
            return base
        }
    }
}
