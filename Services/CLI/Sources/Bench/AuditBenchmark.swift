import AuditCore
import AuditService
import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Logging

/// `leadtrac bench audit`: how fast the audit service stores and chains events, and how long
/// verifying a long trail takes.
/// - **chain**: audit events queued on a fresh audit queue are consumed by the real consumer
///   loop and handler (inbox, chained append, commit, ack) until every one is in the trail.
/// - **verify**: a trail of `verifyEvents` synthetic events (chained and checkpointed exactly as
///   the service does, loaded with COPY) is verified end to end by `TrailVerifier`.
public struct AuditBenchmark {
    let broker: BrokerConfiguration
    let database: DatabaseConfiguration
    let logger: Logger

    public init(broker: BrokerConfiguration, database: DatabaseConfiguration) {
        self.broker = broker
        self.database = database
        var logger = Logger(label: "leadtrac.bench")
        logger.logLevel = .error
        self.logger = logger
    }

    static func event(_ index: Int) -> AuditEvent {
        AuditEvent(
            id: "bench-\(index)", time: Date(timeIntervalSince1970: 1_790_000_000 + Double(index) / 1_000),
            actor: "analyst-\(index % 50)", role: "analyst", service: "workflow", action: index % 3 == 0 ? "subject.search" : "lead.view",
            objectType: "lead", objectID: "lead-\(index)", outcome: .allowed, requestID: "req-\(index)",
            subjectIDs: ["subject-\(index % 10_000)"], leadIDs: ["lead-\(index)"],
            details: ["fields": ["name", "dateOfBirth", "identifiers"], "resultCount": .int(Int64(index % 7))])
    }

    /// Events per second stored and chained through the broker and the database.
    public func chainRate(events count: Int, batchSize: Int) throws -> Double {
        let schema = TestServers.uniqueName("bench_audit")
        let queue = QueueSpec(name: schema + ".events", bindings: [])
        let descriptor = Audit.descriptor(schema: schema, queue: queue)
        let setup = try AMQPConnection(configuration: broker, name: "bench setup", logger: logger)
        let db = try PGConnection(configuration: database, logger: logger)
        defer {
            for name in [queue.name, queue.deadLetterQueue] { try? setup.deleteQueue(name) }
            setup.close()
            _ = try? db.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
            db.close()
        }
        try descriptor.topology.declare(on: setup)
        try Migrator().migrate(schema: schema, migrations: SpineSchema.migrations + descriptor.migrations, on: db, logger: logger)
        let encoder = ContractCoding.encoder()
        try setup.publishAll(try (0..<count).map { index in
            let event = Self.event(index)
            return CloudEvent(
                id: event.id, source: "leadtrac/bench", type: EventType.auditRecorded, time: event.time,
                data: Array(try encoder.encode(event))
            ).message(exchange: "", routingKey: queue.name)
        })
        let settings = ConsumerSettings(
            service: "audit", schema: schema, queue: queue, topology: descriptor.topology, batchSize: batchSize,
            batchLinger: .milliseconds(5), prefetch: 2 * batchSize, migrations: descriptor.migrations)
        let stop = StopSignal()
        let (broker, database, logger, handler) = (self.broker, self.database, self.logger, descriptor.consumers[0].makeHandler())
        let start = ContinuousClock.now
        Thread {
            ConsumerLoop(settings: settings, broker: broker, database: database, handler: handler, readiness: Readiness(), logger: logger)
                .run(until: stop)
        }.start()
        defer { stop.request() }
        var stored = 0
        let deadline = ContinuousClock.now + .seconds(900)
        while stored < count, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            stored = try db.execute("SELECT position FROM \(schema).chain_head").rows[0].decode(Int.self, at: 0)
        }
        return Double(stored) / (ContinuousClock.now - start).seconds
    }

    /// (seconds to load, seconds to verify, intact) for a trail of `count` events.
    public func verifyTime(events count: Int, progress: (String) -> Void) throws -> (load: Double, verify: Double, intact: Bool) {
        let schema = TestServers.uniqueName("bench_verify")
        let db = try PGConnection(configuration: database, logger: logger)
        defer {
            _ = try? db.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
            db.close()
        }
        let descriptor = Audit.descriptor(schema: schema, queue: Audit.queues[0])
        try Migrator().migrate(schema: schema, migrations: SpineSchema.migrations + descriptor.migrations, on: db, logger: logger)
        // Indexes are built after the load, as a restore would.
        try db.executeScript("""
            ALTER TABLE \(schema).events DROP CONSTRAINT events_event_id_key;
            DROP INDEX \(schema).events_actor, \(schema).events_action, \(schema).events_time, \(schema).events_subjects,
                \(schema).events_leads, \(schema).events_disclosures;
            """)
        let loadStart = ContinuousClock.now
        var chain = HashChain()
        var accumulator = MerkleAccumulator()
        let slice = 200_000
        for first in stride(from: 0, to: count, by: slice) {
            let rows = (first..<min(first + slice, count)).lazy.map { index -> [PGValue] in
                let record = chain.append(Self.event(index))
                accumulator.append(record.leafHash)
                let e = record.event
                return [
                    PGValue(record.position), PGValue(e.id), PGValue(e.time), PGValue(e.actor), PGValue(e.role), PGValue(e.service),
                    PGValue(e.action), PGValue(e.objectType), PGValue(e.objectID), PGValue(e.outcome.rawValue), PGValue(e.requestID),
                    PGValue(e.subjectIDs), PGValue(e.leadIDs), PGValue(false), PGValue(record.canonicalEvent),
                    PGValue(record.previousHash.bytes), PGValue(record.hash.bytes),
                ]
            }
            _ = try db.copyIn(
                """
                COPY \(schema).events (position, event_id, time, actor, role, service, action, object_type, object_id, outcome,
                    request_id, subject_ids, lead_ids, disclosure, canonical, previous_hash, hash) FROM STDIN
                """, rows: rows)
            progress("loaded \(min(first + slice, count)) events")
        }
        let checkpoint = try CheckpointKeys.signer().signer.sign(
            treeSize: accumulator.size, merkleRoot: accumulator.root, chainHead: chain.lastHash, time: Date())
        try db.execute(
            """
            INSERT INTO \(schema).checkpoints (tree_size, merkle_root, chain_head, signed_at, key_id, signature, frontier)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [
                PGValue(checkpoint.treeSize), PGValue(checkpoint.merkleRoot.bytes), PGValue(checkpoint.chainHead.bytes),
                PGValue(checkpoint.time), PGValue(checkpoint.keyID), PGValue(Array(checkpoint.signature)),
                PGValue(accumulator.frontier.flatMap(\.bytes)),
            ])
        try db.execute("ANALYZE \(schema).events")
        let load = (ContinuousClock.now - loadStart).seconds
        let verifyStart = ContinuousClock.now
        let report = try TrailVerifier(schema: schema, keys: try CheckpointKeys.verifier([])).verify(on: db) { read in
            if read % 1_000_000 == 0 { progress("verified \(read) events") }
        }
        return (load, (ContinuousClock.now - verifyStart).seconds, report.isIntact && report.recordsVerified == count)
    }
}
