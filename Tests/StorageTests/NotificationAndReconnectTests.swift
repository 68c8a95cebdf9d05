import Foundation
import LeadTracStorage
import Testing

@Suite("LISTEN/NOTIFY")
struct NotificationTests {
    @Test func deliversPayloadFromAnotherConnection() throws {
        let listener = try TestDatabase.connect()
        let sender = try TestDatabase.connect()
        let channel = "ch \(UUID().uuidString)"  // spaces and capitals need quoting
        try listener.listen(channel)
        try sender.notify(channel, payload: "payload ✓ \"quoted\"")
        try sender.notify("some other channel", payload: "ignored")

        let received = try listener.waitForNotifications(timeout: .seconds(5))
        #expect(received.map(\.payload) == ["payload ✓ \"quoted\""])
        #expect(received.first?.channel == channel)
        #expect(received.first?.senderPID == sender.backendPID)
    }

    @Test func returnsEmptyAfterTimeoutWhenNothingWasSent() throws {
        let listener = try TestDatabase.connect()
        try listener.listen("quiet-\(UUID().uuidString)")
        let clock = ContinuousClock()
        let started = clock.now
        let received = try listener.waitForNotifications(timeout: .milliseconds(300))
        let elapsed = clock.now - started
        #expect(received.isEmpty)
        #expect(elapsed >= .milliseconds(250))
        #expect(elapsed < .seconds(3))
    }

    @Test func zeroTimeoutPollPicksUpWaitingNotifications() throws {
        let listener = try TestDatabase.connect()
        let sender = try TestDatabase.connect()
        let channel = "zero-\(UUID().uuidString)"
        try listener.listen(channel)
        try sender.notify(channel, payload: "one")
        var received: [PGNotification] = []
        for _ in 0..<100 where received.isEmpty {
            received = try listener.waitForNotifications(timeout: .zero)
            if received.isEmpty { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(received.map(\.payload) == ["one"])
    }

    @Test func notificationsSentInATransactionArriveOnlyAfterCommit() throws {
        let listener = try TestDatabase.connect()
        let sender = try TestDatabase.connect()
        let channel = "tx-\(UUID().uuidString)"
        try listener.listen(channel)
        try sender.transaction { conn in
            try conn.notify(channel, payload: "after commit")
            #expect(try listener.waitForNotifications(timeout: .milliseconds(100)).isEmpty)
        }
        #expect(try listener.waitForNotifications(timeout: .seconds(5)).map(\.payload) == ["after commit"])
    }
}

@Suite("Connection loss and reconnect")
struct ReconnectTests {
    @Test func killedBackendGivesTransientErrorAndReconnectRecovers() throws {
        let conn = try TestDatabase.connect()
        let admin = try TestDatabase.connect()
        let channel = "reconnect-\(UUID().uuidString)"
        try conn.listen(channel)
        let sql = "select $1::int + 1"
        #expect(try conn.execute(sql, [1]).rows[0].decode(Int.self, at: 0) == 2)
        let pid = try #require(conn.backendPID)

        let terminated = try admin.execute("select pg_terminate_backend($1, 5000)", [.init(pid)])
        #expect(try terminated.rows[0].decode(Bool.self, at: 0))

        let error = try #require(#expect(throws: DatabaseError.self) { try conn.execute(sql, [1]) })
        #expect(error.isTransient)
        #expect(error.connectionLost)
        #expect(!conn.isConnected)
        // Still broken until reconnect: fails fast, also transient.
        #expect(throws: DatabaseError.self) { try conn.execute(sql, [1]) }

        try conn.reconnect()
        #expect(conn.isConnected)
        #expect(conn.backendPID != pid)
        // The statement cache was reset: the same SQL is prepared again on the new session.
        #expect(try conn.execute(sql, [41]).rows[0].decode(Int.self, at: 0) == 42)
        // LISTEN was renewed.
        try admin.notify(channel, payload: "back")
        #expect(try conn.waitForNotifications(timeout: .seconds(5)).map(\.payload) == ["back"])
    }

    @Test func closedConnectionRefusesWorkUntilReconnected() throws {
        let conn = try TestDatabase.connect()
        conn.close()
        #expect(!conn.isConnected)
        let error = #expect(throws: DatabaseError.self) { try conn.execute("select 1") }
        #expect(error?.code == .connectionFailed)
        try conn.reconnect()
        #expect(try conn.execute("select 1").rows[0].decode(Int.self, at: 0) == 1)
    }
}
