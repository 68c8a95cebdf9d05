import Foundation
import LeadTracMessaging
import LeadTracStorage
import LeadTracTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension Integration {
    /// Each of the six services, as its real executable: it connects with its own database role,
    /// serves health and metrics, declares its queues, and exits 0 on SIGTERM.
    @Suite struct ServiceProcessTests {
        static let services = [
            ("ingest", "ingest", "ingest.inbound"), ("matcher", "matcher", "matcher.leads"),
            ("prioritizer", "prioritizer", "prioritizer.leads"), ("workflow", "workflow", "workflow.leads"),
            ("provider-gateway", "provider_gateway", "provider-gateway.requests"), ("audit", "audit", "audit.events"),
        ]

        private func get(_ port: Int, _ path: String) async throws -> (Int, String) {
            let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        @Test(arguments: services.enumerated().map { ($0.offset, $0.element.0, $0.element.1, $0.element.2) })
        func serviceRunsTheSpineServesHealthAndStopsCleanly(index: Int, name: String, schema: String, queue: String)
            async throws
        {
            let database = try TestServers.database()
            let role = "leadtrac_\(schema)"
            let port = 18_081 + index
            let service = try ServiceProcess(
                name,
                environment: [
                    "LEADTRAC_DATABASE_URL":
                        "postgresql://\(role):\(role)@\(database.host):\(database.port)/\(database.database)",
                    "LEADTRAC_HTTP_PORT": "\(port)", "LEADTRAC_LOG_LEVEL": "info",
                ])
            defer { if service.waitForExit(timeout: .zero) == nil { service.kill9() } }

            var ready = (0, "")
            for _ in 0..<100 {
                ready = (try? await get(port, "/health/ready")) ?? (0, "")
                if ready.0 == 200 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(ready.0 == 200, "ready: \(ready.1)\n\(service.log)")
            #expect(ready.1.contains("relay:database"))
            let live = try await get(port, "/health/live")
            #expect(live.0 == 200)
            let metrics = try await get(port, "/metrics")
            #expect(metrics.0 == 200)
            #expect(metrics.1.contains("leadtrac_outbox_backlog"))

            #expect(try BrokerTool.messageCount(queue) >= 0, "the service declared \(queue)")
            let tables = try PGConnection(configuration: database, logger: .init(label: "test")).execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('inbox', 'outbox')",
                [PGValue(schema)]
            ).rows[0].decode(Int.self, at: 0)
            #expect(tables == 2, "spine migrations applied in \(schema)")

            service.terminate()
            #expect(service.waitForExit(timeout: .seconds(20)) == 0, "exit 0 on SIGTERM\n\(service.log)")
            #expect(service.log.contains("starting with configuration"))
            #expect(!service.log.contains(role + ":" + role + "@"), "the password is masked in the printed configuration")
        }
    }
}

extension Integration {
    @Suite struct MigrateCommandTests {
        @Test func migrateAppliesEachServicesSchemaAsItsOwnRole() throws {
            let cli = try ServiceProcess("leadtrac", arguments: ["migrate", "--database-url", TestServers.databaseURL])
            #expect(cli.waitForExit(timeout: .seconds(60)) == 0, "\(cli.log)")
            let db = try PGConnection(configuration: try TestServers.database(), logger: .init(label: "test"))
            defer { db.close() }
            for schema in ["ingest", "matcher", "prioritizer", "workflow", "provider_gateway", "audit"] {
                let rows = try db.execute(
                    "SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename IN ('inbox', 'outbox', 'schema_migrations')",
                    [PGValue(schema)]
                ).rows.map { try $0.decode(String.self, at: 0) }
                #expect(rows.count == 3, "\(schema)")
                #expect(Set(rows) == ["leadtrac_\(schema)"], "tables in \(schema) belong to its service role")
            }
            #expect(cli.log.contains("ingest\tingest\t"))
        }
    }
}
