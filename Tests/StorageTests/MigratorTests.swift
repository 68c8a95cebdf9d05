import Foundation
import LeadTracStorage
import Testing

@Suite("Migrator")
struct MigratorTests {
    static let migrations = [
        Migration(version: 1, name: "create_leads", sql: "create table leads (id int primary key, name text);"),
        Migration(
            version: 2, name: "create_notes",
            sql: """
                create table notes (lead_id int references leads(id), body text);
                create index notes_lead on notes(lead_id);
                """),
        Migration(version: 3, name: "add_score", sql: "alter table leads add column score int;"),
    ]

    static func appliedVersions(_ conn: PGConnection, _ schema: String) throws -> [Int] {
        try conn.execute("select version from \(quoteIdentifier(schema)).schema_migrations order by version").rows
            .map { try $0.decode(Int.self, at: 0) }
    }

    @Test func applyingTwiceAppliesOnce() throws {
        let schema = TestDatabase.uniqueSchemaName()
        defer { TestDatabase.dropSchema(schema) }
        let conn = try TestDatabase.connect()
        let migrator = Migrator()

        let first = try migrator.migrate(
            schema: schema, migrations: Self.migrations, on: conn, logger: TestDatabase.logger)
        #expect(first == [1, 2, 3])
        let second = try migrator.migrate(
            schema: schema, migrations: Self.migrations.reversed(), on: conn, logger: TestDatabase.logger)
        #expect(second == [])
        #expect(try Self.appliedVersions(conn, schema) == [1, 2, 3])
        // Unqualified names landed in the service schema.
        try conn.execute(
            "insert into \(quoteIdentifier(schema)).leads (id, name, score) values ($1, $2, $3)", [1, "a", 5])

        let more = Self.migrations + [Migration(version: 4, name: "add_email", sql: "alter table leads add email text")]
        #expect(try migrator.migrate(schema: schema, migrations: more, on: conn, logger: TestDatabase.logger) == [4])
    }

    @Test func concurrentMigratorsApplyEachMigrationExactlyOnce() async throws {
        let schema = TestDatabase.uniqueSchemaName()
        defer { TestDatabase.dropSchema(schema) }
        // A slow first migration widens the window in which both would apply it without the lock.
        let slow =
            [Migration(version: 1, name: "slow", sql: "select pg_sleep(0.3); create table leads (id int primary key);")]
            + Self.migrations.dropFirst().map { $0 }
        async let a = onThread {
            try Migrator().migrate(
                schema: schema, migrations: slow, on: TestDatabase.connect(), logger: TestDatabase.logger)
        }
        async let b = onThread {
            try Migrator().migrate(
                schema: schema, migrations: slow, on: TestDatabase.connect(), logger: TestDatabase.logger)
        }
        let (appliedByA, appliedByB) = try await (a, b)
        #expect((appliedByA + appliedByB).sorted() == [1, 2, 3])
        #expect(Set(appliedByA).isDisjoint(with: appliedByB))
        #expect(try Self.appliedVersions(TestDatabase.connect(), schema) == [1, 2, 3])
    }

    @Test func changedChecksumIsRefused() throws {
        let schema = TestDatabase.uniqueSchemaName()
        defer { TestDatabase.dropSchema(schema) }
        let conn = try TestDatabase.connect()
        try Migrator().migrate(schema: schema, migrations: Self.migrations, on: conn, logger: TestDatabase.logger)

        var edited = Self.migrations
        edited[1].sql += "\ncreate index notes_body on notes(body);"
        edited.append(Migration(version: 4, name: "later", sql: "create table later (x int)"))
        let error = try #require(
            #expect(throws: DatabaseError.self) {
                try Migrator().migrate(schema: schema, migrations: edited, on: conn, logger: TestDatabase.logger)
            })
        #expect(error.code == .migrationFailed)
        #expect(error.description.contains("migration 2"))
        #expect(try Self.appliedVersions(conn, schema) == [1, 2, 3])
    }

    @Test func failingMigrationRollsBackAndStopsThere() throws {
        let schema = TestDatabase.uniqueSchemaName()
        defer { TestDatabase.dropSchema(schema) }
        let conn = try TestDatabase.connect()
        let broken = [
            Self.migrations[0],
            Migration(version: 2, name: "broken", sql: "create table half (x int); create tabel oops (y int);"),
            Self.migrations[2],
        ]
        let error = try #require(
            #expect(throws: DatabaseError.self) {
                try Migrator().migrate(schema: schema, migrations: broken, on: conn, logger: TestDatabase.logger)
            })
        #expect(error.code == .migrationFailed)
        #expect(error.sqlState == "42601")
        #expect(error.description.contains("migration 2 (broken)"))
        #expect(try Self.appliedVersions(conn, schema) == [1])
        let half = try conn.execute("select to_regclass($1) is null", [.init("\(quoteIdentifier(schema)).half")])
        #expect(try half.rows[0].decode(Bool.self, at: 0))
        #expect(!conn.isInTransaction)
    }

    @Test func checksumIsStableFNV1a() {
        #expect(Migration(version: 1, name: "x", sql: "").checksum == "cbf29ce484222325")
        #expect(Migration(version: 1, name: "x", sql: "a").checksum == "af63dc4c8601ec8c")
    }

    @Test func quoteIdentifierDoublesQuotes() {
        #expect(quoteIdentifier("plain") == "\"plain\"")
        #expect(quoteIdentifier("we\"ird; drop") == "\"we\"\"ird; drop\"")
    }
}
