import Foundation
import HTTPTypes
import Hummingbird
import LeadTracRuntime
import LeadTracTesting
import Testing

extension Integration {
    /// The guarantee behind every personal-data route: an answer that shows personal data and
    /// did not write its audit event is refused (500), so a forgotten audit call cannot ship.
    @Suite struct AuditedReadTests {
        static func descriptor(schema: String) -> ServiceDescriptor {
            ServiceDescriptor(name: "probe-api", schema: schema, defaultHTTPPort: 0) { api in
                [
                    Route(.get, "/forgets", roles: [.analyst], personalData: .view, summary: "forgets to audit") { _, _ in
                        try .json(["name": "Avery Testperson"])
                    },
                    Route(.get, "/audits", roles: [.analyst], personalData: .view, summary: "audits") { _, context in
                        try await api.database.transaction { db in
                            try api.audit.record(context.auditEvent(api, action: "probe.view"), on: db, receipt: context.auditReceipt)
                        }
                        return try .json(["name": "Avery Testperson"])
                    },
                ]
            }
        }

        @Test func personalDataWithoutItsAuditEventIsRefused() async throws {
            let schema = TestServers.uniqueName("audited")
            let server = try await APITestServer.start(Self.descriptor(schema: schema), schema: schema)
            let token = try await DevelopmentTokenIssuer().token(user: "ana", roles: [.analyst])
            let forgot = try await server.request("GET", "/forgets", token: token)
            #expect(forgot.status == 500)
            #expect(!String(decoding: forgot.body, as: UTF8.self).contains("Avery"), "the data did not leave")
            let audited = try await server.request("GET", "/audits", token: token)
            #expect(audited.status == 200)
            #expect(try server.auditActions().contains("probe.view"))
            await server.stop()
            try server.dropSchema()
        }
    }
}
