import LeadTracStorage
import Testing

@Suite("DatabaseConfiguration URL parsing")
struct ConfigurationTests {
    @Test func parsesEveryPartAndPercentDecodes() throws {
        let config = try DatabaseConfiguration(
            url: "postgresql://leadtrac%5Fingest:p%40ss%3Aw%2Frd%20x@db.internal:6543/lead%20trac"
                + "?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem&application_name=ingest%20svc")
        #expect(config.user == "leadtrac_ingest")
        #expect(config.password == "p@ss:w/rd x")
        #expect(config.host == "db.internal")
        #expect(config.port == 6543)
        #expect(config.database == "lead trac")
        #expect(config.sslMode == .verifyFull)
        #expect(config.sslRootCert == "/etc/ssl/ca.pem")
        #expect(config.applicationName == "ingest svc")
    }

    @Test func appliesDefaults() throws {
        let config = try DatabaseConfiguration(url: "postgres://app@/")
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 5432)
        #expect(config.database == "app")
        #expect(config.password == nil)
        #expect(config.sslMode == nil)
        #expect(config.connectTimeout == .seconds(5))
    }

    @Test func parsesIPv6HostAndConnectTimeout() throws {
        let config = try DatabaseConfiguration(url: "postgresql://u:p@[::1]:5433/db?connect_timeout=9&sslmode=disable")
        #expect(config.host == "::1")
        #expect(config.port == 5433)
        #expect(config.connectTimeout == .seconds(9))
        #expect(config.sslMode == .disable)
    }

    @Test func redactsThePassword() throws {
        let config = try DatabaseConfiguration(url: "postgresql://u:s3cr3t%21@h:5432/db?sslmode=require")
        #expect(config.redactedURL == "postgresql://u:***@h:5432/db?sslmode=require")
        #expect(!"\(config)".contains("s3cr3t"))
    }

    @Test(arguments: [
        "mysql://u:p@h/db",
        "postgresql://u:p@h:notaport/db",
        "postgresql://u:p@h:99999/db",
        "postgresql://u:p@h/db?sslmode=maybe",
        "postgresql://u:p@h/db?sslmod=require",
        "postgresql://u:%zzsecret@h/db",
        "postgresql://:secret@h/db",
        "postgresql://h/db",
    ])
    func rejectsInvalidURLsWithoutEchoingThem(url: String) throws {
        let error = #expect(throws: DatabaseError.self) { try DatabaseConfiguration(url: url) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error.map { !$0.description.contains("secret") } ?? false)
    }
}
