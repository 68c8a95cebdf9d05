import Metrics

/// The spine's metrics for one consumed queue, named as docs/operations.md lists them.
///
/// Exported in Prometheus text format at `GET /metrics`. Names follow Prometheus
/// conventions (`_total` counters, `_seconds` durations).
public struct ConsumerMetrics: Sendable {
    public let queue: String
    public let received: Counter
    public let processed: Counter
    public let duplicates: Counter
    public let batchSize: Recorder
    public let handlerDuration: Metrics.Timer
    public let commitDuration: Metrics.Timer

    public init(queue: String) {
        self.queue = queue
        let dimensions = [("queue", queue)]
        received = Counter(label: "leadtrac_messages_in_total", dimensions: dimensions)
        processed = Counter(label: "leadtrac_messages_processed_total", dimensions: dimensions)
        duplicates = Counter(label: "leadtrac_messages_duplicate_total", dimensions: dimensions)
        batchSize = Recorder(label: "leadtrac_batch_size", dimensions: dimensions, aggregate: true)
        handlerDuration = Metrics.Timer(label: "leadtrac_handler_duration_seconds", dimensions: dimensions)
        commitDuration = Metrics.Timer(label: "leadtrac_commit_duration_seconds", dimensions: dimensions)
    }

    /// Failed attempts by machine-readable reason (`handler.failed`, `database.unavailable`, …).
    public func failed(reason: String) -> Counter {
        Counter(label: "leadtrac_messages_failed_total", dimensions: [("queue", queue), ("reason", reason)])
    }

    /// Messages sent to the queue's dead-letter queue, by reason.
    public func deadLettered(reason: String) -> Counter {
        Counter(label: "leadtrac_messages_dead_lettered_total", dimensions: [("queue", queue), ("reason", reason)])
    }
}

/// The outbox relay's metrics.
public struct RelayMetrics: Sendable {
    public let published: Counter
    public let backlog: Gauge
    public let publishDuration: Metrics.Timer

    public init(service: String) {
        let dimensions = [("service", service)]
        published = Counter(label: "leadtrac_messages_out_total", dimensions: dimensions)
        backlog = Gauge(label: "leadtrac_outbox_backlog", dimensions: dimensions)
        publishDuration = Metrics.Timer(label: "leadtrac_outbox_publish_duration_seconds", dimensions: dimensions)
    }
}

extension Metrics.Timer {
    /// Records a `Duration` measured with `ContinuousClock`.
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
