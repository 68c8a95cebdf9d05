import Foundation
import LeadTracMessaging

/// The broker topology of all six services as a RabbitMQ definitions document (the format of
/// `rabbitmqctl import_definitions` and the management plugin's `load_definitions`).
///
/// Services declare the same at start; the file lets operators pre-create it. It is generated
/// from the services' `QueueSpec`s (`leadtrac topology definitions`), and a test checks that
/// deploy/rabbitmq/definitions.json matches, so the two never drift.
public enum BrokerDefinitions {
    public static func document(queues: [QueueSpec], virtualHost: String = "/") -> String {
        var exchanges: [[String: Any]] = [Exchange.inbound, Exchange.events, Exchange.outbound, Exchange.audit].map {
            ["name": $0, "vhost": virtualHost, "type": "topic", "durable": true, "auto_delete": false, "internal": false,
             "arguments": [String: Any]()]
        }
        exchanges.append([
            "name": Exchange.deadLetter, "vhost": virtualHost, "type": "direct", "durable": true, "auto_delete": false,
            "internal": false, "arguments": [String: Any](),
        ])
        var queueDocuments: [[String: Any]] = []
        var bindings: [[String: Any]] = []
        for queue in queues.sorted(by: { $0.name < $1.name }) {
            queueDocuments.append([
                "name": queue.name, "vhost": virtualHost, "durable": true, "auto_delete": false,
                "arguments": json(queue.arguments),
            ])
            queueDocuments.append([
                "name": queue.deadLetterQueue, "vhost": virtualHost, "durable": true, "auto_delete": false,
                "arguments": ["x-queue-type": "quorum"],
            ])
            bindings.append(binding(Exchange.deadLetter, queue.deadLetterQueue, queue.name, virtualHost))
            for item in queue.bindings {
                bindings.append(binding(item.exchange, queue.name, item.routingKey, virtualHost))
            }
        }
        let document: [String: Any] = ["exchanges": exchanges, "queues": queueDocuments, "bindings": bindings]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func binding(_ exchange: String, _ queue: String, _ key: String, _ vhost: String) -> [String: Any] {
        ["source": exchange, "vhost": vhost, "destination": queue, "destination_type": "queue", "routing_key": key,
         "arguments": [String: Any]()]
    }

    private static func json(_ arguments: [String: FieldValue]) -> [String: Any] {
        arguments.mapValues { value -> Any in
            switch value {
            case .string(let string): string
            case .int(let number): number
            case .bool(let flag): flag
            default: "\(value)"
            }
        }
    }
}
