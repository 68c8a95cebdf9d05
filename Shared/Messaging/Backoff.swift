/// Exponential backoff with jitter, for reconnects and transient-error retries.
///
/// "Equal jitter" (a uniform delay between half and all of the capped exponential) spreads
/// out the retries of many instances that failed at the same moment, while never retrying
/// at once (AWS Architecture Blog, "Exponential Backoff and Jitter").
public struct Backoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    private(set) var attempt = 0

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before the next attempt; each call doubles the ceiling up to `maximum`.
    public mutating func next() -> Duration {
        let exponent = min(attempt, 30)
        attempt += 1
        let ceiling = min(initial * (1 << exponent), maximum)
        let nanos = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: (nanos / 2)...max(nanos / 2, nanos)))
    }

    public mutating func reset() { attempt = 0 }
}
