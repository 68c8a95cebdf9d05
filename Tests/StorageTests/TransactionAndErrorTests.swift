import Foundation
import LeadTracStorage
import Testing

@Suite("Transactions")
struct TransactionTests {
    struct Boom: Error, Equatable {}

    @Test func thrownErrorRollsBackAndIsRethrownUnchanged() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).items"
            try conn.execute("create table \(table) (name text)")
            #expect(throws: Boom()) {
                try conn.transaction { conn in
                    try conn.execute("insert into \(table) values ($1)", ["first"])
                    try conn.execute("insert into \(table) values ($1)", ["second"])
                    throw Boom()
                }
            }
            #expect(!conn.isInTransaction)
            #expect(try conn.execute("select count(*) from \(table)").rows[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test func commitPersistsForOtherSessions() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).items"
            try conn.execute("create table \(table) (name text)")
            let returned = try conn.transaction { conn in
                try conn.execute("insert into \(table) values ($1), ($2)", ["a", "b"]).affectedRows
            }
            #expect(returned == 2)
            let other = try TestDatabase.connect()
            let names = try other.execute("select name from \(table) order by name").rows.map {
                try $0.decode(String.self, at: 0)
            }
            #expect(names == ["a", "b"])
        }
    }

    @Test func swallowedStatementFailureMakesCommitFail() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).items"
            try conn.execute("create table \(table) (id int primary key)")
            let error = #expect(throws: DatabaseError.self) {
                try conn.transaction { conn in
                    try conn.execute("insert into \(table) values ($1)", [1])
                    _ = try? conn.execute("insert into \(table) values ($1)", [1])
                }
            }
            #expect(error?.code == .commitFailed)
            #expect(try conn.execute("select count(*) from \(table)").rows[0].decode(Int.self, at: 0) == 0)
        }
    }
}

@Suite("Errors")
struct ErrorTests {
    @Test func uniqueViolationIsRecognisedWithoutLeakingTheValue() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).people"
            try conn.execute("create table \(table) (email text primary key)")
            let email = "jane.secret@example.com"
            try conn.execute("insert into \(table) values ($1)", [.init(email)])
            let error = try #require(
                #expect(throws: DatabaseError.self) {
                    try conn.execute("insert into \(table) values ($1)", [.init(email)])
                })
            #expect(error.isUniqueViolation)
            #expect(error.sqlState == "23505")
            #expect(error.code == .queryFailed)
            #expect(error.constraint == "people_pkey")
            #expect(error.table == "people")
            #expect(!error.isTransient)
            #expect(!error.description.contains("jane.secret"))
            #expect(error.description.contains("23505"))
            // The connection is still usable after a statement error.
            #expect(try conn.execute("select 1").rows[0].decode(Int.self, at: 0) == 1)
        }
    }

    @Test func invalidInputValueIsMaskedInTheMessage() throws {
        let conn = try TestDatabase.connect()
        let error = try #require(
            #expect(throws: DatabaseError.self) { try conn.execute("select $1::int", ["john.doe@example.com"]) })
        #expect(error.sqlState == "22P02")
        #expect(error.message?.contains("invalid input syntax") == true)
        #expect(!error.description.contains("john.doe"))
    }

    @Test func parameterWithNulCharacterIsRejectedBeforeSending() throws {
        let conn = try TestDatabase.connect()
        let error = #expect(throws: DatabaseError.self) { try conn.execute("select $1::text", ["a\u{0}b"]) }
        #expect(error?.code == .queryFailed)
        #expect(try conn.execute("select $1::text", ["ok"]).rows[0].decode(String.self, at: 0) == "ok")
    }

    @Test func errorsMatchByCodeInCatchPatterns() throws {
        func classify(_ body: () throws -> Void) -> String {
            do {
                try body()
                return "none"
            } catch DatabaseError.connectionFailed {
                return "connection"
            } catch DatabaseError.queryFailed {
                return "query"
            } catch {
                return "other"
            }
        }
        let conn = try TestDatabase.connect()
        #expect(classify { try conn.execute("select * from no_such_table_here") } == "query")
        #expect(classify { try conn.execute("select 1") } == "none")
        #expect(!(DatabaseError.copyFailed ~= DatabaseError(.queryFailed, sqlState: "42P01")))
    }

    @Test func transientClassification() {
        #expect(DatabaseError(.queryFailed, sqlState: "40001").isTransient)
        #expect(DatabaseError(.queryFailed, sqlState: "40P01").isTransient)
        #expect(DatabaseError(.queryFailed, sqlState: "08006").isTransient)
        #expect(DatabaseError(.queryFailed, sqlState: "53300").isTransient)
        #expect(DatabaseError(.queryFailed, sqlState: "57P01").isTransient)
        #expect(DatabaseError(.queryFailed, sqlState: "55P03").isTransient)
        #expect(DatabaseError(.connectionFailed).isTransient)
        #expect(DatabaseError(.queryFailed, connectionLost: true).isTransient)
        #expect(!DatabaseError(.queryFailed, sqlState: "23505").isTransient)
        #expect(!DatabaseError(.queryFailed, sqlState: "42P01").isTransient)
    }

    @Test func unreachableServerFailsFastWithTransientError() throws {
        // Port 1 on loopback refuses connections immediately.
        let config = try DatabaseConfiguration(url: "postgresql://nobody:hunter2@127.0.0.1:1/none")
        let error = #expect(throws: DatabaseError.self) {
            try PGConnection(configuration: config, logger: TestDatabase.logger)
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isTransient == true)
        #expect(error.map { !$0.description.contains("hunter2") } ?? false)
    }
}
