/// A deterministic SplitMix64 generator with its own bounded sampling, so that the same seed
/// gives the same output on every machine and Swift version (the standard library's
/// `random(in:using:)` and `shuffle(using:)` algorithms are not guaranteed stable).
public struct SyntheticRandom: Sendable {
    private var state: UInt64

    /// Creates a generator whose whole output is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (multiply-high; the bias is below 2⁻³² for our bounds).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `0..<1` from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + below(items.count)]
    }

    /// Shuffles `items` in place (Fisher–Yates).
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }

    /// A derived generator for an independent sub-stream (e.g. one per record).
    public static func derived(_ seed: UInt64, _ salt: UInt64) -> SyntheticRandom {
        var mixer = SyntheticRandom(seed: seed ^ (salt &* 0xD1B5_4A32_D192_ED03))
        _ = mixer.next()
        return SyntheticRandom(seed: mixer.next())
    }
}

/// Samples indices `0..<count` with Zipf weights `1 / (rank + offset)`, so the first entries of
/// a list are much more frequent than the last (as real family names are). Only IEEE division is
/// used (no `pow`/`exp` from the platform's libm), so samples are identical on every machine.
public struct ZipfSampler: Sendable {
    private let cumulative: [Double]

    /// - Parameters:
    ///   - count: how many ranks.
    ///   - offset: flattens the head: 1 is classic Zipf (rank 0 is twice as common as rank 1),
    ///     larger values make the distribution flatter.
    public init(count: Int, offset: Double = 1) {
        precondition(count > 0, "count must be positive")
        var total = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(count)
        for rank in 0..<count {
            total += 1.0 / (Double(rank) + offset)
            cumulative.append(total)
        }
        self.cumulative = cumulative.map { $0 / total }
    }

    /// A rank drawn with the sampler's weights.
    public func sample(_ random: inout SyntheticRandom) -> Int {
        let u = random.unit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
