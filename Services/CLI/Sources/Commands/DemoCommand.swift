import ArgumentParser
import Foundation
import LeadTracMessaging
import LeadTracRuntime
import Logging

/// `leadtrac demo publish`: synthetic upstream leads for a local run. Every name and number is
/// generated; none belongs to a real person.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Demo input for a local run.", subcommands: [Publish.self])

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish synthetic overstay leads to leadtrac.inbound as the targeting feed would.")
        @Option(help: "How many leads.") var count = 25
        @Option(help: "Random seed, so a demo can be repeated.") var seed: UInt64 = 7
        @Option(name: .customLong("amqp-url"), help: "Broker URL (default: $LEADTRAC_AMQP_URL or the local broker).")
        var amqpURL: String?

        func run() throws {
            let broker = try BrokerConfiguration(
                url: amqpURL ?? Environment().string("LEADTRAC_AMQP_URL", default: "amqp://leadtrac:leadtrac@127.0.0.1:5672/%2F"))
            let connection = try AMQPConnection(configuration: broker, name: "leadtrac demo", logger: Logger(label: "leadtrac.cli"))
            defer { connection.close() }
            try Topology().declare(on: connection)
            try connection.enableConfirms()
            var generator = SeededGenerator(seed: seed)
            let messages = try (0..<count).map { index in
                let lead = SyntheticLead.make(index: index, using: &generator)
                let data = try JSONSerialization.data(withJSONObject: lead, options: [.sortedKeys])
                return CloudEvent(
                    id: EventID.derive(from: "demo-\(seed)", type: SyntheticLead.type, discriminator: "\(index)"),
                    source: "demo/targeting", type: SyntheticLead.type, subject: "DEMO-\(seed)-\(index)",
                    data: Array(data)
                ).message(exchange: Exchange.inbound, routingKey: SyntheticLead.type)
            }
            try connection.publish(messages)
            print("published \(messages.count) synthetic leads to \(Exchange.inbound) as \(SyntheticLead.type)")
        }
    }
}

/// Synthetic people in the shape of the upstream targeting feed.
enum SyntheticLead {
    static let type = "targeting.overstay-lead.v1"
    static let given = ["Avery", "Jordan", "Quinn", "Rowan", "Sasha", "Taylor", "Emery", "Kai", "Noor", "Lior"]
    static let family = ["Testperson", "Sampleton", "Fictivo", "Demoulin", "Placeholder", "Examplar", "Mockridge"]
    static let countries = ["MEX", "IND", "BRA", "NGA", "PHL", "VNM", "POL", "KOR"]

    static func make(index: Int, using generator: inout SeededGenerator) -> [String: Any] {
        let year = Int.random(in: 1960...2004, using: &generator)
        let month = Int.random(in: 1...12, using: &generator)
        let day = Int.random(in: 1...28, using: &generator)
        return [
            "kind": "person", "category": "overstay", "sourceRecordId": "DEMO-\(index)",
            "person": [
                "name": [
                    "given": given.randomElement(using: &generator)!, "family": family.randomElement(using: &generator)!,
                ],
                "dateOfBirth": String(format: "%04d-%02d-%02d", year, month, day),
                "countryOfCitizenship": countries.randomElement(using: &generator)!,
                "identifiers": [
                    ["type": "passport", "value": "X\(100_000 + index)", "issuingCountry": countries[index % countries.count]]
                ],
            ],
        ]
    }
}

/// SplitMix64: a small deterministic generator, so demo data is the same for the same seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
