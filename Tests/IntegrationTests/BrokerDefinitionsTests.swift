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
