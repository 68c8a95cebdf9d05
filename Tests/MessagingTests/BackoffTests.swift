import LeadTracMessaging
import Testing

@Suite struct BackoffTests {
    @Test func delaysGrowExponentiallyWithJitterAndAreCapped() {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(2))
        let delays = (0..<10).map { _ in backoff.next() }
        // Attempt n lies in [ceiling/2, ceiling] with ceiling = min(100ms * 2^n, 2s).
        for (attempt, delay) in delays.enumerated() {
            let ceiling = min(Duration.milliseconds(100) * (1 << attempt), .seconds(2))
            #expect(delay >= ceiling / 2 && delay <= ceiling, "attempt \(attempt): \(delay)")
        }
        backoff.reset()
        #expect(backoff.next() <= .milliseconds(100))
    }
}
