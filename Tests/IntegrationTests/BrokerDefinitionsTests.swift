import Foundation
import LeadTracCLI
import LeadTracTesting
import Testing

/// deploy/rabbitmq/definitions.json must be exactly what the services declare.
@Suite struct BrokerDefinitionsTests {
    @Test func committedDefinitionsMatchTheServicesTopology() throws {
        let file = TestServers.repositoryRoot.appendingPathComponent("deploy/rabbitmq/definitions.json")
        let committed = try String(contentsOf: file, encoding: .utf8)
        let generated = BrokerDefinitions.document(queues: DeadLetterQueues.allServiceQueues)
        #expect(committed == generated, "regenerate with: leadtrac topology definitions > deploy/rabbitmq/definitions.json")
    }

    @Test func everyServiceQueueIsQuorumWithDeliveryLimitAndAtLeastOnceDeadLettering() throws {
        let document = BrokerDefinitions.document(queues: DeadLetterQueues.allServiceQueues)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let queues = try #require(object["queues"] as? [[String: Any]])
        let consuming = queues.filter { !(($0["name"] as? String) ?? "").hasSuffix(".dlq") }
        #expect(consuming.count == DeadLetterQueues.allServiceQueues.count)
        #expect(queues.count == 2 * consuming.count, "each queue has its dead-letter queue")
        for queue in consuming {
            let arguments = try #require(queue["arguments"] as? [String: Any])
            #expect(arguments["x-queue-type"] as? String == "quorum")
            #expect(arguments["x-dead-letter-strategy"] as? String == "at-least-once")
            #expect(arguments["x-overflow"] as? String == "reject-publish")
            #expect((arguments["x-delivery-limit"] as? Int ?? 0) > 0)
            #expect(arguments["x-dead-letter-routing-key"] as? String == queue["name"] as? String)
        }
    }
}

/// Which service queues a benchmark's events would also reach on a shared broker.
@Suite struct SharedBrokerTests {
    @Test func topicPatternsMatchAsTheBrokerRoutes() {
        #expect(SharedBroker.topicMatches("lead.received.*", "lead.received.v1"))
        #expect(!SharedBroker.topicMatches("lead.received.*", "lead.received"))
        #expect(!SharedBroker.topicMatches("lead.received.*", "lead.received.v1.extra"))
        #expect(SharedBroker.topicMatches("#", "lead.matched.v1"))
        #expect(SharedBroker.topicMatches("lead.#", "lead.matched.v1"))
        #expect(SharedBroker.topicMatches("lead.#.v1", "lead.v1"))
        #expect(!SharedBroker.topicMatches("account.changed.*", "lead.matched.v1"))
        #expect(!SharedBroker.topicMatches("*.matched.v1", "lead.received.v1"))
    }

    @Test func theQualityBenchmarkReachesTheLeadQueuesAndNoOther() {
        let reached = SharedBroker.queues(DeadLetterQueues.allServiceQueues, reachedBy: SharedBroker.benchmarkEvents)
        #expect(Set(reached.map(\.name)) == ["matcher.leads", "prioritizer.leads", "workflow.leads"])
    }
}

