import Foundation
import LeadTracMessaging
import Testing

@Suite struct CloudEventTests {
    private func delivery(of message: OutgoingMessage) -> Delivery {
        Delivery(
            deliveryTag: 1, redelivered: false, exchange: message.exchange, routingKey: message.routingKey,
            properties: message.properties, body: message.body)
    }

    @Test func binaryModeUsesPrefixedHeadersAndMessageID() throws {
        let event = CloudEvent(
            id: "e-1", source: "leadtrac/test", type: "lead.received.v1",
            time: Date(timeIntervalSince1970: 1_700_000_000.123), subject: "lead-7", correlationID: "c-9",
            causationID: "m-3", data: Array(#"{"a":1}"#.utf8))
        let message = event.message(exchange: "leadtrac.events", routingKey: "lead.received.v1", appID: "ingest")
        let headers = message.properties.headers
        #expect(message.properties.messageID == "e-1")
        #expect(message.properties.contentType == "application/json")
        #expect(headers["cloudEvents:specversion"] == .string("1.0"))
        #expect(headers["cloudEvents:type"] == .string("lead.received.v1"))
        #expect(headers["cloudEvents:source"] == .string("leadtrac/test"))
        #expect(headers["cloudEvents:subject"] == .string("lead-7"))
        #expect(headers["cloudEvents:correlationid"] == .string("c-9"))
        #expect(headers["cloudEvents:causationid"] == .string("m-3"))
        #expect(message.body == Array(#"{"a":1}"#.utf8))
    }

    @Test func roundTripsThroughADelivery() throws {
        let event = CloudEvent(
            id: "e-2", source: "s", type: "t.v1", time: Date(timeIntervalSince1970: 1_700_000_000.5),
            correlationID: "c", data: [1, 2, 3])
        let decoded = try CloudEvent(delivery: delivery(of: event.message(exchange: "x", routingKey: "k")))
        #expect(decoded.id == event.id)
        #expect(decoded.type == event.type)
        #expect(decoded.correlationID == "c")
        #expect(abs(decoded.time.timeIntervalSince(event.time)) < 0.001)
        #expect(decoded.data == [1, 2, 3])
    }

    @Test(arguments: [
        ("cloudEvents:type", "envelope.missing-attribute"),
        ("cloudEvents:source", "envelope.missing-attribute"),
        ("cloudEvents:specversion", "envelope.missing-attribute"),
    ])
    func missingAttributeIsRejectedWithItsCode(header: String, code: String) throws {
        var message = CloudEvent(id: "e", source: "s", type: "t.v1", data: []).message(exchange: "x", routingKey: "k")
        message.properties.headers[header] = nil
        #expect(throws: EnvelopeError.self) { try CloudEvent(delivery: delivery(of: message)) }
        do {
            _ = try CloudEvent(delivery: delivery(of: message))
        } catch {
            #expect(error.code == code)
            #expect(error.message.contains(header.replacingOccurrences(of: "cloudEvents:", with: "")))
        }
    }

    @Test func wrongSpecVersionIsRejected() {
        var message = CloudEvent(id: "e", source: "s", type: "t.v1", data: []).message(exchange: "x", routingKey: "k")
        message.properties.headers["cloudEvents:specversion"] = "0.3"
        #expect(throws: EnvelopeError.unsupportedSpecVersion("0.3")) { try CloudEvent(delivery: delivery(of: message)) }
    }

    @Test func derivedEventIDsAreDeterministicAndDistinct() {
        let a = EventID.derive(from: "m-1", type: "lead.received.v1")
        #expect(a == EventID.derive(from: "m-1", type: "lead.received.v1"))
        #expect(a != EventID.derive(from: "m-2", type: "lead.received.v1"))
        #expect(a != EventID.derive(from: "m-1", type: "lead.matched.v1"))
        #expect(a != EventID.derive(from: "m-1", type: "lead.received.v1", discriminator: "1"))
        // Separator: ("ab","c") and ("a","bc") must differ.
        #expect(EventID.derive(from: "ab", type: "c") != EventID.derive(from: "a", type: "bc"))
        #expect(a.count == 36)
        #expect(Array(a)[14] == "8")  // UUID version 8
    }

    /// The ids are stored (lead ids derive from source records), so their text form must stay
    /// the canonical one: Foundation's own formatting of the parsed UUID gives it back unchanged.
    @Test func derivedEventIDsAreCanonicalLowercaseUUIDs() {
        for index in 0..<500 {
            let id = EventID.derive(from: "message-\(index)", type: "lead.matched.v1", discriminator: "\(index % 7)")
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
            #expect(Array(id)[19] == "8" || Array(id)[19] == "9" || Array(id)[19] == "a" || Array(id)[19] == "b")  // RFC 9562 variant
        }
    }

    @Test func headerValuesSurviveTheOutboxJSONForm() throws {
        let headers: [String: FieldValue] = [
            "s": "text", "i": 42, "b": true, "d": .double(1.5), "t": .timestamp(1_700_000_000),
            "bytes": .bytes([0, 255, 7]), "nested": .table(["x": .array(["a", 1])]),
        ]
        let data = try JSONEncoder().encode(headers)
        #expect(try JSONDecoder().decode([String: FieldValue].self, from: data) == headers)
    }
}
