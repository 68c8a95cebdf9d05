import LeadTracContracts
import LeadTracMessaging
import LeadTracTesting

/// What a benchmark's events reach beyond its own queues on a shared broker.
///
/// Why: the quality benchmark's ingest and matcher publish `lead.received.v1` and
/// `lead.matched.v1` to `leadtrac.events` as the services do, so the services' own queues on
/// the same broker (a system started with `make run`, say) receive every one and keep them:
/// millions after a few runs, which also slows the broker's restart.
public enum SharedBroker {
    /// The events the quality benchmark publishes to `leadtrac.events`.
    public static let benchmarkEvents = [
        EventType.leadReceived, EventType.leadMatched, EventType.subjectCreated, EventType.subjectUpdated,
    ]

    /// Of `queues`, those bound to `leadtrac.events` with a key that routes one of `events`.
    public static func queues(_ queues: [QueueSpec], reachedBy events: [String]) -> [QueueSpec] {
        queues.filter { spec in
            spec.bindings.contains { binding in
                binding.exchange == Exchange.events && events.contains { topicMatches(binding.routingKey, $0) }
            }
        }
    }

    /// The services' queues that `events` reach and that exist on the test broker, with their
    /// ready messages.
    public static func existingServiceQueues(reachedBy events: [String]) -> [(queue: String, messages: Int)] {
        queues(DeadLetterQueues.allServiceQueues, reachedBy: events)
            .compactMap { spec in (try? BrokerTool.messageCount(spec.name)).map { (spec.name, $0) } }
    }

    /// AMQP topic matching: words between dots; `*` is one word, `#` zero or more.
    public static func topicMatches(_ pattern: String, _ key: String) -> Bool {
        func match(_ p: ArraySlice<Substring>, _ k: ArraySlice<Substring>) -> Bool {
            guard let head = p.first else { return k.isEmpty }
            if head == "#" { return (0...k.count).contains { match(p.dropFirst(), k.dropFirst($0)) } }
            guard let word = k.first, head == "*" || head == word else { return false }
            return match(p.dropFirst(), k.dropFirst())
        }
        return match(
            ArraySlice(pattern.split(separator: ".", omittingEmptySubsequences: false)),
            ArraySlice(key.split(separator: ".", omittingEmptySubsequences: false)))
    }
}
