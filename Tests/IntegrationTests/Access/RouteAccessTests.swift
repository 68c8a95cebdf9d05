import Foundation
import LeadTracCLI
import LeadTracRuntime
import LeadTracTesting
import Testing

extension Integration {
    /// Every HTTP route of every service, from the services' own route tables: no token → 401;
    /// a role the route does not admit → 403 and an `auth.denied` audit event; an admitted
    /// role gets past authentication and authorisation (whatever the handler then answers,
    /// it is not 401, 403 or a server error). Personal-data routes also write their
    /// view/search audit event.
    @Suite struct RouteAccessTests {
        static let issuer = DevelopmentTokenIssuer()

        /// Path parameters filled with placeholder values (`:user` → `probe-user`).
        static func concrete(_ path: String) -> String {
            path.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.hasPrefix(":") ? "probe-\(part.dropFirst())" : String(part)
            }.joined(separator: "/")
        }

        /// Audit events other than logons and denials: the views, searches and changes.
        static func dataAudits(_ server: APITestServer) throws -> Int {
            try server.auditActions().filter { !$0.hasPrefix("auth.") }.count
        }

        @Test func servicesDeclareRoutes() {
            let withRoutes = Services.all.filter { $0.routes != nil }.map(\.name)
            #expect(withRoutes.contains("audit"))
        }

        @Test(arguments: Services.all.filter { $0.routes != nil }.map(\.name))
        func everyRouteEnforcesItsRoles(service name: String) async throws {
            let descriptor = try #require(Services.all.first { $0.name == name })
            let schema = TestServers.uniqueName("access")
            let server = try await APITestServer.start(descriptor, schema: schema)
            let table = try #require(descriptor.routes)
            let routes = table(APIEnvironment(service: descriptor.name, schema: schema, database: server.database))
            #expect(!routes.isEmpty)
            for route in routes {
                let path = Self.concrete(route.path)
                let method = route.method.rawValue
                let body = ["POST", "PUT", "PATCH"].contains(method) ? "{}" : nil
                let label = "\(method) \(route.path)"

                let anonymous = try await server.request(method, path, json: body)
                #expect(anonymous.status == 401, "\(label) without a token")
                #expect(anonymous.problemCode == "auth.missing-token", "\(label)")

                if let outsider = Role.allCases.first(where: { !route.roles.contains($0) }) {
                    let before = try server.auditActions().filter { $0 == "auth.denied" }.count
                    let token = try await Self.issuer.token(user: "outsider-\(outsider.rawValue)", roles: [outsider])
                    let denied = try await server.request(method, path, token: token, json: body)
                    #expect(denied.status == 403, "\(label) as \(outsider)")
                    let after = try server.auditActions().filter { $0 == "auth.denied" }.count
                    #expect(after == before + 1, "\(label): the denial is audited")
                }

                for role in route.roles {
                    let token = try await Self.issuer.token(user: "member-\(role.rawValue)", roles: [role])
                    let before = try Self.dataAudits(server)
                    let admitted = try await server.request(method, path, token: token, json: body)
                    #expect(![401, 403].contains(admitted.status) && admitted.status < 500, "\(label) as \(role): \(admitted.status)")
                    // Personal data never leaves without its audit event: an answer with content
                    // wrote one; any other answer is a problem document, which carries none.
                    if route.personalData != .none {
                        if (200..<300).contains(admitted.status) {
                            #expect(try Self.dataAudits(server) > before, "\(label): the \(route.personalData) is audited")
                        } else {
                            #expect(admitted.headers["content-type"] == "application/problem+json", "\(label): \(admitted.status)")
                        }
                    }
                }
            }
            await server.stop()
            try server.dropSchema()
        }
    }
}
