import ArgumentParser

/// `leadtrac topology definitions`: the services' broker topology as RabbitMQ definitions JSON.
struct TopologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology", abstract: "Print the broker topology.", subcommands: [Definitions.self])

    struct Definitions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "RabbitMQ definitions (exchanges, quorum queues, bindings) for all six services.")
        @Option(help: "Virtual host to put in the document.") var vhost = "/"

        func run() {
            print(BrokerDefinitions.document(queues: DeadLetterQueues.allServiceQueues, virtualHost: vhost), terminator: "")
        }
    }
}
