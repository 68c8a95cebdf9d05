import Foundation
import LeadTracRuntime
import Testing

@Suite struct ConfigurationTests {
    private let service = ServiceDescriptor(name: "ingest", schema: "ingest", defaultHTTPPort: 8081)

    @Test func defaultsPointAtTheLocalServersWithTheServiceRole() throws {
        let config = try ServiceConfiguration(service: service, environment: Environment([:]))
        #expect(config.broker.host == "127.0.0.1")
        #expect(config.database.user == "leadtrac_ingest")
        #expect(config.database.database == "leadtrac")
        #expect(config.httpPort == 8081)
        #expect(config.batchSize == 100)
        #expect(config.prefetch == 200)
    }

    @Test func secretsComeFromFilesAndArePrintedMasked() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("db-url-\(UUID().uuidString)")
        try "postgresql://svc:file-secret@db.example:6543/leadtrac\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let config = try ServiceConfiguration(
            service: service,
            environment: Environment([
                "LEADTRAC_DATABASE_URL": "postgresql://ignored:ignored@h/leadtrac",
                "LEADTRAC_DATABASE_URL_FILE": file.path,
                "LEADTRAC_AMQP_URL": "amqp://u:amqp-secret@mq:5672/%2F",
            ]))
        #expect(config.database.host == "db.example")
        #expect(config.database.port == 6543)
        #expect(config.database.password == "file-secret")
        let printed = config.redacted.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        #expect(!printed.contains("file-secret"))
        #expect(!printed.contains("amqp-secret"))
        #expect(printed.contains("db.example"))
    }

    @Test(arguments: [
        ("LEADTRAC_BATCH_SIZE", "0"), ("LEADTRAC_BATCH_SIZE", "many"), ("LEADTRAC_HTTP_PORT", "70000"),
        ("LEADTRAC_LOG_LEVEL", "loud"), ("LEADTRAC_PREFETCH", "5"), ("LEADTRAC_DATABASE_URL_FILE", "/nonexistent/file"),
    ])
    func badSettingIsRefusedNamingTheVariable(name: String, value: String) {
        do {
            _ = try ServiceConfiguration(service: service, environment: Environment([name: value]))
            Issue.record("\(name)=\(value) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.setting == name)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func booleansAcceptTheUsualSpellingsAndNothingElse() throws {
        for (text, value) in [("true", true), ("ON", true), ("yes", true), ("1", true), ("false", false), ("Off", false), ("no", false), ("0", false)] {
            #expect(try Environment(["FLAG": text]).boolean("FLAG", default: !value) == value)
        }
        #expect(try Environment([:]).boolean("FLAG", default: true))
        #expect(throws: ConfigurationError.self) { try Environment(["FLAG": "sometimes"]).boolean("FLAG", default: true) }
    }
}
