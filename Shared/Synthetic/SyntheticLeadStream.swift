import LeadTracDomain

/// A deterministic, lazily generated stream of labelled leads about a population.
///
/// Every person gets exactly one original (clean-ish) record; on top of those, duplicates make up
/// ``duplicateRate`` of the stream: each is a further record of a person already emitted, with one
/// to three ``Corruption``s. The order is shuffled deterministically; only a permutation of the
/// population (4 bytes a person) is held, never the leads, so a million leads stream in constant
/// extra memory.
public struct SyntheticLeadStream: Sequence, Sendable {
    public let population: SyntheticPopulation
    /// Fraction of the stream that is duplicates, in `0..<1`.
    public let duplicateRate: Double
    public let seed: UInt64
    /// Prefix of every `sourceRecordId` (`SYN-000000001`).
    public let recordIDPrefix: String
    /// One per person.
    public let originalCount: Int
    /// `round(originals × rate / (1 − rate))`.
    public let duplicateCount: Int
    /// All leads the stream yields.
    public var count: Int { originalCount + duplicateCount }

    /// - Parameters:
    ///   - population: the true people.
    ///   - duplicateRate: fraction of leads that are additional records of an emitted person.
    ///   - seed: fixes order and corruptions; the population's seed when `nil`.
    ///   - recordIDPrefix: prefix of `sourceRecordId`s, to keep several data sets apart.
    public init(
        population: SyntheticPopulation, duplicateRate: Double, seed: UInt64? = nil, recordIDPrefix: String = "SYN"
    ) {
        precondition(duplicateRate >= 0 && duplicateRate < 1, "duplicateRate must be in 0..<1")
        self.population = population
        self.duplicateRate = duplicateRate
        self.seed = seed ?? population.seed
        self.recordIDPrefix = recordIDPrefix
        originalCount = population.people.count
        duplicateCount =
            originalCount == 0 ? 0 : Int((Double(originalCount) * duplicateRate / (1 - duplicateRate)).rounded())
    }

    public func makeIterator() -> Iterator { Iterator(stream: self) }

    /// Yields the stream's leads one at a time.
    public struct Iterator: IteratorProtocol {
        private let stream: SyntheticLeadStream
        private var order: [Int32]
        private var schedule: SyntheticRandom
        private var emitted = 0
        private var produced = 0
        private var duplicatesLeft: Int

        init(stream: SyntheticLeadStream) {
            self.stream = stream
            schedule = SyntheticRandom.derived(stream.seed, 0x5343_4845)
            order = (0..<stream.originalCount).map { Int32($0) }
            schedule.shuffle(&order)
            duplicatesLeft = stream.duplicateCount
        }

        public mutating func next() -> LabelledLead? {
            let originalsLeft = order.count - emitted
            guard originalsLeft + duplicatesLeft > 0 else { return nil }
            let original =
                emitted == 0 || duplicatesLeft == 0
                || (originalsLeft > 0 && schedule.below(originalsLeft + duplicatesLeft) < originalsLeft)
            let personIndex: Int
            if original {
                personIndex = Int(order[emitted])
                emitted += 1
            } else {
                personIndex = Int(order[schedule.below(emitted)])
                duplicatesLeft -= 1
            }
            produced += 1
            var random = SyntheticRandom.derived(stream.seed, UInt64(produced))
            let recordID = "\(stream.recordIDPrefix)-\(PersonFactory.padded(produced, 9))"
            return RecordFactory.lead(
                for: stream.population.people[personIndex], original: original, recordID: recordID, &random)
        }
    }
}

/// Turns a person into one labelled lead: a clean-ish original or a corrupted duplicate.
enum RecordFactory {
    private static let categories = LeadCategory.allCases.filter { $0 != .organisationCompliance }

    static func lead(
        for person: SyntheticPerson, original: Bool, recordID: String, _ random: inout SyntheticRandom
    ) -> LabelledLead {
        var corruptor = Corruptor(person: person)
        if original {
            if random.chance(0.1) { corruptor.record.phones = nil }
            if random.chance(0.1) { corruptor.record.emails = nil }
        } else {
            let roll = random.below(100)
            corruptor.corrupt(count: roll < 50 ? 1 : (roll < 85 ? 2 : 3), &random)
        }
        let category = random.chance(0.6) ? LeadCategory.overstay : random.pick(categories)
        let lead = RawLead(kind: "person", category: category.rawValue, person: corruptor.record)
        return LabelledLead(
            lead: lead, personID: person.personID, sourceRecordID: recordID, corruptions: corruptor.applied,
            isOriginal: original)
    }
}
