import Foundation
import IngestService
import LeadTracContracts
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Testing

extension Integration {
    /// Ingest's HTTP API: a manual lead answered at once (lead id, or every field problem as
    /// an RFC 9457 document), announced through the outbox and audited; rejections repaired over HTTP.
    @Suite struct IngestAPITests {
        let issuer = DevelopmentTokenIssuer()

        static func record(recordID: String, dateOfBirth: String = "1987-04-12", ssn: String? = nil) -> String {
            var identifiers = #"[{"type": "passport", "value": "X123456", "issuingCountry": "MEX"}"#
            if let ssn { identifiers += #", {"type": "ssn", "value": "\#(ssn)"}"# }
            return #"""
                {"sourceRecordId": "\#(recordID)", "kind": "person", "category": "overstay",
                 "person": {"name": {"given": "Avery", "family": "Testperson"}, "dateOfBirth": "\#(dateOfBirth)",
                            "countryOfCitizenship": "MEX", "identifiers": \#(identifiers)]}}
                """#
        }

        /// (type, routing key) of each event the API's transactions wrote, oldest first.
        func outbox(_ server: APITestServer) throws -> [String] {
            try server.database.runBlocking { db in
                try db.execute("SELECT routing_key FROM \(server.schema).outbox ORDER BY seq").rows.map { try $0.decode(String.self, at: 0) }
            }
        }

        @Test func manualLeadIsAcceptedAnnouncedAndAudited() async throws {
            let server = try await APITestServer.start(Ingest.descriptor(), schema: TestServers.uniqueName("ingestapi"))
            let analyst = try await issuer.token(user: "ana", roles: [.analyst])

            let created = try await server.request("POST", "/leads", token: analyst, json: Self.record(recordID: "M-1"))
            #expect(created.status == 201)
            let body = try #require(created.json as? [String: Any])
            let leadID = try #require(body["leadId"] as? String)
            #expect(body["change"] as? String == "created")
            #expect(body["revision"] as? Int == 1)

            let again = try await server.request("POST", "/leads", token: analyst, json: Self.record(recordID: "M-1"))
            #expect(again.status == 200)
            #expect((again.json as? [String: Any])?["change"] as? String == "unchanged")
            #expect((again.json as? [String: Any])?["leadId"] as? String == leadID)

            let keys = try outbox(server)
            #expect(keys.filter { $0 == EventType.leadReceived }.count == 1, "one lead.received for one lead")
            #expect(keys.filter { $0 == "audit.ingest.lead.create" }.count == 1)
            let stored = try server.database.runBlocking { db in
                try db.execute("SELECT source_system FROM \(server.schema).leads WHERE lead_id = $1::uuid", [PGValue(leadID)])
                    .rows.map { try $0.decode(String.self, at: 0) }
            }
            #expect(stored == ["analyst/ana"], "provenance names the analyst")
            await server.stop()
            try server.dropSchema()
        }

        @Test func invalidManualLeadGetsEveryFieldProblem() async throws {
            let server = try await APITestServer.start(Ingest.descriptor(), schema: TestServers.uniqueName("ingestapi"))
            let analyst = try await issuer.token(user: "ana", roles: [.analyst])
            let answer = try await server.request(
                "POST", "/leads", token: analyst, json: Self.record(recordID: "M-2", dateOfBirth: "1999-02-29", ssn: "666-12-3456"))
            #expect(answer.status == 422)
            #expect(answer.headers["content-type"] == "application/problem+json")
            let problem = try #require(answer.json as? [String: Any])
            #expect(problem["code"] as? String == "lead.invalid")
            #expect(problem["type"] as? String == "urn:leadtrac:problem:lead.invalid")
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(Set(errors.compactMap { $0["code"] as? String }) == ["date.invalid", "ssn.invalid-area"])
            #expect(errors.contains { $0["field"] as? String == "person.dateOfBirth" })
            let requestID = problem["requestId"] as? String ?? ""
            let text = String(decoding: answer.body, as: UTF8.self).replacingOccurrences(of: requestID, with: "")
            #expect(!text.contains("666"), "no submitted value in the problem")
            #expect(try outbox(server) == ["audit.ingest.auth.logon"], "nothing announced but the logon")

            let garbage = try await server.request("POST", "/leads", token: analyst, json: "[1, 2")
            #expect(garbage.status == 400)
            #expect(garbage.problemCode == "contract.undecodable")
            await server.stop()
            try server.dropSchema()
        }

        @Test func uploadedFileIsReportedRowByRowAndAnUploadTwiceCreatesNothingNew() async throws {
            let server = try await APITestServer.start(Ingest.descriptor(), schema: TestServers.uniqueName("ingestapi"))
            let analyst = try await issuer.token(user: "ana", roles: [.analyst])
            let mapping = """
                format: csv
                header: true
                defaults: { kind: person, category: overstay }
                columns:
                  record_id: { field: sourceRecordId }
                  first: { field: person.name.given }
                  last: { field: person.name.family }
                  dob: { field: person.dateOfBirth }
                  ssn: { field: person.identifiers, identifierType: ssn }
                """
            let csv = """
                record_id,first,last,dob,ssn
                U-1,Avery,Testperson,1980-01-02,773-10-1001
                U-2,Jordan,Testperson,1981-02-03,666-12-3456
                U-3,Quinn,Sampleton,1982-03-04,773-10-1003
                U-1,Avery,Testperson,1980-01-02,773-10-1001
                U-4,Rowan,Sampleton,1983-04-05,773-10-1004

                """
            func body() throws -> String {
                String(decoding: try JSONSerialization.data(withJSONObject: ["mapping": mapping, "content": csv]), as: UTF8.self)
            }
            let first = try await server.request("POST", "/imports?source=partner-x", token: analyst, json: try body())
            #expect(first.status == 200)
            let report = try #require(first.json as? [String: Any])
            #expect(report["accepted"] as? Int == 3)
            #expect(report["rejected"] as? Int == 1)
            #expect(report["duplicate"] as? Int == 1)
            let rows = try #require(report["rows"] as? [[String: Any]])
            #expect(rows.map { $0["outcome"] as? String } == ["accepted", "rejected", "accepted", "duplicate", "accepted"])
            let problems = try #require(rows[1]["problems"] as? [[String: Any]])
            #expect(problems.compactMap { $0["code"] as? String } == ["ssn.invalid-area"])

            let again = try await server.request("POST", "/imports?source=partner-x", token: analyst, json: try body())
            #expect((again.json as? [String: Any])?["unchanged"] as? Int == 3)
            #expect(try outbox(server).filter { $0 == EventType.leadReceived }.count == 3, "the second upload announces nothing")
            #expect(try outbox(server).filter { $0 == "audit.ingest.import.upload" }.count == 2)

            let badMapping = try await server.request(
                "POST", "/imports?source=partner-x", token: analyst,
                json: #"{"mapping": "format: xls", "content": ""}"#)
            #expect(badMapping.status == 422)
            #expect(badMapping.problemCode == "import.mapping-invalid")
            await server.stop()
            try server.dropSchema()
        }
    }
}
