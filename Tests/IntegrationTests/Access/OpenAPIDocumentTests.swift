import Foundation
import LeadTracCLI
import LeadTracRuntime
import LeadTracTesting
import Testing
import Yams

extension Integration {
    /// docs/openapi.yaml stays true: every route of every service's route table is documented
    /// under its path and method, with the service, the roles it admits and whether it shows
    /// personal data, exactly as the table declares them.
    @Suite struct OpenAPIDocumentTests {
        @Test func everyRouteIsDocumentedWithItsRoles() async throws {
            let url = TestServers.repositoryRoot.appendingPathComponent("docs/openapi.yaml")
            let document = try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            let workers = DatabaseWorkers(configuration: try TestServers.database(), threads: 1, logger: .init(label: "test"))
            var documented = 0
            for descriptor in Services.all {
                guard let table = descriptor.routes else { continue }
                for route in table(APIEnvironment(service: descriptor.name, schema: descriptor.schema, database: workers)) {
                    let path = route.path.split(separator: "/", omittingEmptySubsequences: false).map { part in
                        part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                    }.joined(separator: "/")
                    let label = "\(descriptor.name): \(route.method.rawValue) \(path)"
                    guard let operations = paths[path] as? [String: Any],
                        let operation = operations[route.method.rawValue.lowercased()] as? [String: Any]
                    else {
                        Issue.record("\(label) is not in docs/openapi.yaml")
                        continue
                    }
                    documented += 1
                    #expect(operation["x-service"] as? String == descriptor.name, "\(label): x-service")
                    #expect(Set(operation["x-roles"] as? [String] ?? []) == Set(route.roles.map(\.rawValue)), "\(label): x-roles")
                    let personal: String? = switch route.personalData {
                    case .none: nil
                    case .view: "view"
                    case .search: "search"
                    }
                    #expect(operation["x-personal-data"] as? String == personal, "\(label): x-personal-data")
                }
            }
            #expect(documented > 10)
            try await workers.shutdown()
        }
    }
}
