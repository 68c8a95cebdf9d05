import Foundation
import Hummingbird
import LeadTracContracts
import LeadTracMessaging
import LeadTracStorage
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// Wires a service: configuration, JSON logs, metrics, health, the outbox relay, the
/// consumers and the HTTP server, under one `ServiceGroup` that stops gracefully on SIGTERM
/// or SIGINT: consumers stop taking messages and commit what they hold, then the relay
/// flushes the outbox, then the HTTP server stops, and the process exits 0.
public enum ServiceRunner {
    public static func run(_ descriptor: ServiceDescriptor, environment: Environment = Environment()) async {
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration(service: descriptor, environment: environment)
        } catch {
            FileHandle.standardError.write(Data("\(descriptor.name): \(error)\n".utf8))
            exit(78)  // EX_CONFIG
        }
        LoggingSystem.bootstrap { label in
            JSONLogHandler(label: label, service: descriptor.name, level: configuration.logLevel)
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "leadtrac.\(descriptor.name)")
        logger.info("starting with configuration", metadata: configuration.redacted)

        if configuration.auth.keys == .development {
            logger.warning("verifying tokens with the public development key: set LEADTRAC_JWT_JWKS_FILE in production")
        }
        let readiness = Readiness()
        let services = makeServices(descriptor, configuration: configuration, readiness: readiness, logger: logger)
        let database = DatabaseWorkers(
            configuration: configuration.database, threads: configuration.httpDatabaseConnections, logger: logger)
        let verifier: TokenVerifier
        do {
            verifier = try await TokenVerifier(configuration: configuration.auth)
        } catch {
            FileHandle.standardError.write(Data("\(descriptor.name): configuration LEADTRAC_JWT_JWKS_FILE: \(error)\n".utf8))
            exit(78)
        }
        let router = makeRouter(
            descriptor, schema: descriptor.schema, database: database, verifier: verifier, readiness: readiness,
            registry: registry, logger: logger)
        let http = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort)),
            logger: logger)
        // Started in this order, shut down in reverse: consumers, then relay, then HTTP.
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: database), .init(service: http)] + services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
            logger.info("stopped")
        } catch {
            logger.critical("stopped on error", metadata: ["error": "\(error)"])
            exit(1)
        }
    }

    /// The audit event of a start: the effective configuration (secrets masked), so that every
    /// configuration change is in the trail from the moment it takes effect.
    static func startEvent(_ descriptor: ServiceDescriptor, configuration: ServiceConfiguration) -> AuditEvent {
        let started = Date()
        var details: [String: AuditValue] = [:]
        for (key, value) in configuration.redacted { details[key] = .string("\(value)") }
        return AuditEvent(
            id: EventID.derive(
                from: "\(descriptor.name)#\(ProcessInfo.processInfo.processIdentifier)#\(started.timeIntervalSince1970)",
                type: "service.start"),
            time: started, actor: descriptor.name, role: Role.service.rawValue, service: descriptor.name,
            action: "service.start", objectType: "configuration", outcome: .allowed,
            details: ["configuration": .object(details), "host": .string(ProcessInfo.processInfo.hostName)])
    }

    /// Health, metrics and the service's route table behind `APIRoutes`: what the service serves
    /// over HTTP (tests build it the same way, on a schema of their own).
    public static func makeRouter(
        _ descriptor: ServiceDescriptor, schema: String, database: DatabaseWorkers, verifier: TokenVerifier,
        readiness: Readiness, registry: PrometheusCollectorRegistry, logger: Logger
    ) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        OperationalRoutes.add(to: router, readiness: readiness, registry: registry)
        if let routes = descriptor.routes {
            let environment = APIEnvironment(service: descriptor.name, schema: schema, database: database)
            APIRoutes(environment: environment, verifier: verifier, logger: logger).register(routes(environment), on: router)
        }
        return router
    }

    /// The relay and one loop per consumer, each built and run on a thread of its own
    /// (the loops own blocking connections, so they are created where they run).
    public static func makeServices(
        _ descriptor: ServiceDescriptor, configuration: ServiceConfiguration, readiness: Readiness, logger: Logger
    ) -> [BlockingLoopService] {
        let startAudit = startEvent(descriptor, configuration: configuration)
        let audit = AuditTrail(service: descriptor.name, schema: descriptor.schema)
        let relay = BlockingLoopService(name: "\(descriptor.name)-relay") { stop in
            OutboxRelay(
                service: descriptor.name, schema: descriptor.schema, broker: configuration.broker,
                database: configuration.database, topology: descriptor.topology, migrations: descriptor.migrations,
                pollInterval: .milliseconds(configuration.outboxPollMilliseconds),
                inboxRetentionHours: configuration.inboxRetentionHours, readiness: readiness, logger: logger,
                onFirstConnect: { connection in try audit.record(startAudit, on: connection) }
            ).run(until: stop)
        }
        func loop(_ consumer: ServiceDescriptor.Consumer, instance: Int) -> BlockingLoopService {
            let settings = ConsumerSettings(
                service: descriptor.name, schema: descriptor.schema, queue: consumer.queue, topology: descriptor.topology,
                batchSize: configuration.batchSize,
                batchLinger: .milliseconds(configuration.batchLingerMilliseconds), prefetch: configuration.prefetch,
                migrations: descriptor.migrations, instance: instance)
            let name = "\(descriptor.name)-\(consumer.queue.name)" + (consumer.instances > 1 ? "-\(instance)" : "")
            return BlockingLoopService(name: name) { stop in
                ConsumerLoop(
                    settings: settings, broker: configuration.broker, database: configuration.database,
                    handler: consumer.makeHandler(), readiness: readiness, logger: logger
                ).run(until: stop)
            }
        }
        let consumers = descriptor.consumers.flatMap { consumer in
            (1...consumer.instances).map { instance in loop(consumer, instance: instance) }
        }
        let jobs = descriptor.jobs.map { job in
            let seconds = configuration.jobIntervals[job.name] ?? job.defaultInterval
            return BlockingLoopService(name: "\(descriptor.name)-\(job.name)") { stop in
                job.run(every: .seconds(seconds), database: configuration.database, logger: logger, until: stop)
            }
        }
        return [relay] + consumers + jobs
    }
}
