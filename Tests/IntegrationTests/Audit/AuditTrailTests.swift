import AuditCore
import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Logging
import Testing

@testable import AuditService

extension Integration {
    /// The trail as stored: chained, checkpointed, verified; every kind of tampering done
    /// directly in the database is found at the right position; the service's role cannot
    /// change or remove a row.
    @Suite struct AuditTrailTests {
        static let logger = Logger(label: "leadtrac.test.audit")

        /// A fresh schema owned by the audit service's role, migrated as that role.
        final class Trail {
            let schema = TestServers.uniqueName("trail")
            let db: PGConnection

            init(events count: Int, checkpoint: Bool = true) throws {
                db = try PGConnection(configuration: try TestServers.database(), logger: AuditTrailTests.logger)
                try db.execute("CREATE SCHEMA \(schema) AUTHORIZATION leadtrac_audit")
                try db.execute("SET ROLE leadtrac_audit")
                try Migrator().migrate(
                    schema: schema, migrations: SpineSchema.migrations + Audit.descriptor(schema: schema, queue: Audit.queues[0]).migrations,
                    on: db, logger: AuditTrailTests.logger)
                let store = TrailStore(schema: schema)
                let written = try db.transaction { try store.append((1...count).map(Self.event), on: $0) }
                #expect(written.map(\.position) == (1...count).map(Int64.init))
                // A second append of the same events (a replay) writes nothing.
                #expect(try db.transaction { try store.append([Self.event(1)], on: $0) }.isEmpty)
                if checkpoint { try Checkpointer(schema: schema, signer: Audit.signer).run(on: db, logger: AuditTrailTests.logger) }
                try db.execute("RESET ROLE")
            }

            static func event(_ index: Int) -> AuditEvent {
                AuditEvent(
                    id: "evt-\(index)", time: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), actor: "analyst-\(index % 3)",
                    role: "analyst", service: "workflow", action: index % 2 == 0 ? "lead.view" : "subject.search",
                    objectType: "lead", objectID: "lead-\(index)", outcome: .allowed, requestID: "req-\(index)",
                    subjectIDs: ["subject-\(index % 5)"], leadIDs: ["lead-\(index)"], details: ["resultCount": .int(Int64(index))])
            }

            func verify() throws -> VerificationReport {
                try TrailVerifier(schema: schema, keys: try CheckpointKeys.verifier([])).verify(on: db)
            }

            /// Runs `sql` the way an attacker with the owner's rights would: grants back, trigger off.
            func tamper(_ sql: String) throws {
                try db.execute("SET ROLE leadtrac_audit")
                try db.execute("GRANT UPDATE, DELETE, INSERT ON \(schema).events TO leadtrac_audit")
                try db.execute("ALTER TABLE \(schema).events DISABLE TRIGGER USER")
                try db.executeScript(sql)
                try db.execute("ALTER TABLE \(schema).events ENABLE TRIGGER USER")
                try db.execute("RESET ROLE")
            }

            func remove() {
                _ = try? db.execute("RESET ROLE")
                _ = try? db.execute("DROP SCHEMA \(schema) CASCADE")
                db.close()
            }
        }

        @Test func untouchedTrailVerifies() throws {
            let trail = try Trail(events: 30)
            defer { trail.remove() }
            let report = try trail.verify()
            #expect(report.isIntact)
            #expect(report.recordsVerified == 30)
            #expect(report.checkpointsVerified == 1)
        }

        @Test func modifiedEventIsFoundAtItsPosition() throws {
            let trail = try Trail(events: 30)
            defer { trail.remove() }
            var forged = Trail.event(7)
            forged.actor = "someone-else"
            let bytes = CanonicalEncoding.encode(forged).map { String(format: "%02x", $0) }.joined()
            try trail.tamper("UPDATE \(trail.schema).events SET canonical = '\\x\(bytes)', actor = 'someone-else' WHERE position = 7")
            let failure = try #require(try trail.verify().failure)
            #expect(failure.kind == .modified)
            #expect(failure.position == 7)
        }

        @Test func changedQueryColumnIsFound() throws {
            let trail = try Trail(events: 30)
            defer { trail.remove() }
            try trail.tamper("UPDATE \(trail.schema).events SET actor = 'someone-else' WHERE position = 12")
            let failure = try #require(try trail.verify().failure)
            #expect(failure.kind == .modified)
            #expect(failure.position == 12)
        }

        @Test func deletedEventIsFoundAtItsPosition() throws {
            let trail = try Trail(events: 30)
            defer { trail.remove() }
            try trail.tamper("DELETE FROM \(trail.schema).events WHERE position = 9")
            let failure = try #require(try trail.verify().failure)
            #expect(failure.kind == .deleted)
            #expect(failure.position == 9)
        }

        @Test func insertedEventIsFoundAtItsPosition() throws {
            let trail = try Trail(events: 30)
            defer { trail.remove() }
            // Make room at 11 and insert a forged event there, correctly chained to record 10.
            let previous = try trail.db.execute("SELECT hash FROM \(trail.schema).events WHERE position = 10").rows[0]
                .decode([UInt8].self, at: 0)
            var chain = HashChain(lastPosition: 10, lastHash: try #require(Digest32(bytes: previous)))
            let forged = chain.append(Trail.event(99))
            func hex(_ bytes: [UInt8]) -> String { "'\\x" + bytes.map { String(format: "%02x", $0) }.joined() + "'" }
            try trail.tamper("""
                UPDATE \(trail.schema).events SET position = -position WHERE position >= 11;
                UPDATE \(trail.schema).events SET position = 1 - position WHERE position < 0;
                INSERT INTO \(trail.schema).events (position, event_id, time, actor, role, service, action, object_type, object_id,
                    outcome, request_id, subject_ids, lead_ids, disclosure, canonical, previous_hash, hash)
                VALUES (11, 'evt-99', to_timestamp(1790000099), 'analyst-0', 'analyst', 'workflow', 'subject.search', 'lead',
                    'lead-99', 'allowed', 'req-99', '{subject-4}', '{lead-99}', false, \(hex(forged.canonicalEvent)),
                    \(hex(forged.previousHash.bytes)), \(hex(forged.hash.bytes)));
                """)
            let failure = try #require(try trail.verify().failure)
            #expect(failure.kind == .inserted)
            #expect(failure.position == 11)
        }

        @Test func reorderedEventsAreFound() throws {
            let trail = try Trail(events: 30)
            defer { trail.remove() }
            try trail.tamper("""
                UPDATE \(trail.schema).events SET position = -1 WHERE position = 5;
                UPDATE \(trail.schema).events SET position = 5 WHERE position = 6;
                UPDATE \(trail.schema).events SET position = 6 WHERE position = -1;
                """)
            let failure = try #require(try trail.verify().failure)
            #expect(failure.kind == .reordered)
            #expect(failure.position == 5)
        }

        @Test func truncatedTailIsFoundAgainstTheCheckpoint() throws {
            let trail = try Trail(events: 30)
            defer { trail.remove() }
            try trail.tamper("DELETE FROM \(trail.schema).events WHERE position > 25")
            let failure = try #require(try trail.verify().failure)
            #expect(failure.kind == .truncated)
            #expect(failure.position == 26)
        }

        @Test func auditRoleCannotUpdateOrDelete() throws {
            let trail = try Trail(events: 3, checkpoint: false)
            defer { trail.remove() }
            try trail.db.execute("SET ROLE leadtrac_audit")
            for statement in [
                "UPDATE \(trail.schema).events SET actor = 'x' WHERE position = 1",
                "DELETE FROM \(trail.schema).events WHERE position = 1",
                "TRUNCATE \(trail.schema).events",
            ] {
                #expect(throws: DatabaseError.self, "\(statement)") { try trail.db.execute(statement) }
            }
            // Even with the grants back, the trigger refuses.
            try trail.db.execute("GRANT UPDATE, DELETE ON \(trail.schema).events TO leadtrac_audit")
            #expect(throws: DatabaseError.self) { try trail.db.execute("DELETE FROM \(trail.schema).events WHERE position = 1") }
            try trail.db.execute("RESET ROLE")
            #expect(try trail.verify().isIntact)
        }
    }
}

extension Integration {
    /// The audit service's consumer: events wait in the queue while it is down and are all
    /// chained, once each, when it comes back; a replayed event is not chained twice.
    @Suite struct AuditConsumerTests {
        func message(_ event: AuditEvent) throws -> CloudEvent {
            CloudEvent(
                id: event.id, source: "leadtrac/workflow", type: EventType.auditRecorded, time: event.time,
                data: Array(try ContractCoding.encoder().encode(event)))
        }

        @Test func eventsWaitingWhileTheServiceIsDownAreAllChainedOnce() throws {
            let harness = try SpineHarness(
                prefix: "auditq",
                service: { schema, queue in Audit.descriptor(schema: schema, queue: QueueSpec(name: queue, bindings: [])) })
            defer { harness.remove() }
            // The service is down: events wait in its queue.
            let events = (1...200).map { AuditTrailTests.Trail.event($0) }
            try harness.publishToQueue(try events.map(message))
            #expect(try BrokerTool.messageCount(harness.queue) == 200)
            try harness.start()
            func chained() throws -> Int {
                try harness.withDatabase { try $0.execute("SELECT count(*) FROM \(harness.schema).events").rows[0].decode(Int.self, at: 0) }
            }
            #expect(eventually(timeout: .seconds(60)) { try chained() == 200 })
            // A replay of one event (a new message id, the same event id) changes nothing.
            var replay = try message(events[41])
            replay.id = "replay-of-42"
            try harness.publishToQueue([replay])
            Thread.sleep(forTimeInterval: 1)
            harness.stopAndWait()
            #expect(try chained() == 200)
            let report = try harness.withDatabase { db in
                try TrailVerifier(schema: harness.schema, keys: try CheckpointKeys.verifier([])).verify(on: db)
            }
            #expect(report.isIntact)
            #expect(report.recordsVerified == 200)
        }
    }
}
