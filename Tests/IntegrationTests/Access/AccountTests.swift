import Foundation
import LeadTracContracts
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Logging
import AuditService
import Testing

extension Integration {
    /// Accounts: supervisors and admins manage them in the audit service; an archived account
    /// or a withdrawn role is refused at once, even with an unexpired token.
    @Suite struct AccountTests {
        let issuer = DevelopmentTokenIssuer()

        @Test func archivedAccountIsRefusedAtOnce() async throws {
            let server = try await APITestServer.start(Audit.descriptor(), schema: TestServers.uniqueName("accounts"))
            let admin = try await issuer.token(user: "sam", roles: [.admin])
            let ana = try await issuer.token(user: "ana", roles: [.supervisor])

            #expect(try await server.request("GET", "/accounts", token: ana).status == 200)
            let archived = try await server.request(
                "PUT", "/accounts/ana", token: admin, json: #"{"roles": ["supervisor"], "archived": true}"#)
            #expect(archived.status == 200)
            let refused = try await server.request("GET", "/accounts", token: ana)
            #expect(refused.status == 403)
            #expect(refused.problemCode == "auth.account-archived")

            let restored = try await server.request(
                "PUT", "/accounts/ana", token: admin, json: #"{"roles": ["analyst"], "archived": false}"#)
            #expect(restored.status == 200)
            let narrowed = try await server.request("GET", "/accounts", token: ana)
            #expect(narrowed.status == 403, "the supervisor role was withdrawn from the account")
            #expect(narrowed.problemCode == "auth.forbidden")

            let actions = try server.auditActions()
            #expect(actions.filter { $0 == "account.create" }.count == 1)
            #expect(actions.filter { $0 == "account.change" }.count == 1)
            #expect(actions.filter { $0 == "auth.denied" }.count == 2)
            #expect(actions.filter { $0 == "auth.logon" }.count == 2, "first use of each token")
            await server.stop()
            try server.dropSchema()
        }

        @Test func onlyAnAdminGrantsSupervisor() async throws {
            let server = try await APITestServer.start(Audit.descriptor(), schema: TestServers.uniqueName("accounts"))
            let supervisor = try await issuer.token(user: "sue", roles: [.supervisor])
            let answer = try await server.request("PUT", "/accounts/bob", token: supervisor, json: #"{"roles": ["supervisor"]}"#)
            #expect(answer.status == 403)
            let analyst = try await server.request("PUT", "/accounts/bob", token: supervisor, json: #"{"roles": ["analyst"]}"#)
            #expect(analyst.status == 200)
            let bad = try await server.request("PUT", "/accounts/bob", token: supervisor, json: #"{"roles": ["wizard"]}"#)
            #expect(bad.status == 422)
            #expect(bad.problemCode == "account.invalid")
            await server.stop()
            try server.dropSchema()
        }

        /// Another service's copy applies account changes in version order, whatever order they arrive in.
        @Test func accountCopyKeepsTheNewestVersion() throws {
            let harness = try SpineHarness(prefix: "acct")
            defer { harness.remove() }
            let directory = AccountDirectory(schema: harness.schema)
            let now = Date()
            func change(_ version: Int64, archived: Bool) -> AccountChanged {
                AccountChanged(user: "ana", roles: ["analyst"], archived: archived, version: version, changedBy: "sam", changedAt: now)
            }
            let standing = try harness.withDatabase { db in
                try directory.apply(change(2, archived: true), on: db)
                try directory.apply(change(1, archived: false), on: db)  // late, older
                return try directory.standing(of: "ana", on: db)
            }
            #expect(standing == .archived)
            let unknown = try harness.withDatabase { try directory.standing(of: "nobody", on: $0) }
            #expect(unknown == .unknown)
        }
    }
}
