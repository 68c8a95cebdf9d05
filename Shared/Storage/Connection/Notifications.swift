import CLibPQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A message received through PostgreSQL's LISTEN/NOTIFY.
public struct PGNotification: Sendable, Hashable {
    /// The channel it was sent on.
    public var channel: String
    /// The payload given to `NOTIFY` / `pg_notify` (empty if none).
    public var payload: String
    /// The server process that sent it.
    public var senderPID: Int32

    public init(channel: String, payload: String, senderPID: Int32 = 0) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}

extension PGConnection {
    /// Subscribes this session to `channel` (case-sensitive; quoted, so any name is safe).
    /// The subscription is renewed by `reconnect()`.
    public func listen(_ channel: String) throws(DatabaseError) {
        try runSimple("LISTEN \(quoteIdentifier(channel))")
        if !listenedChannels.contains(channel) { listenedChannels.append(channel) }
    }

    /// Cancels a subscription made with ``listen(_:)``.
    public func unlisten(_ channel: String) throws(DatabaseError) {
        try runSimple("UNLISTEN \(quoteIdentifier(channel))")
        listenedChannels.removeAll { $0 == channel }
    }

    /// Sends `payload` on `channel` (delivered at commit when inside a transaction).
    public func notify(_ channel: String, payload: String = "") throws(DatabaseError) {
        try execute("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// Waits until at least one notification has arrived or `timeout` has passed, and returns
    /// everything received so far (in arrival order); `[]` on timeout.
    ///
    /// Notifications that arrived during earlier statements are returned at once. Blocks the
    /// thread in `poll()`: keep timeouts short enough to notice shutdown.
    ///
    /// ```swift
    /// try conn.listen("outbox")
    /// while !stopping {
    ///     for note in try conn.waitForNotifications(timeout: .seconds(1)) { wake(note.payload) }
    /// }
    /// ```
    /// - Throws: `.connectionFailed` when the connection breaks while waiting.
    public func waitForNotifications(timeout: Duration) throws(DatabaseError) -> [PGNotification] {
        let handle = try requireHandle()
        var received = drainNotifications(handle)
        if !received.isEmpty { return received }

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            // Poll at least once (even for a zero timeout) so that input already waiting on the
            // socket is seen.
            let remaining = max(.zero, clock.now.duration(to: deadline))
            let socket = PQsocket(handle)
            guard socket >= 0 else { throw connectionError(handle) }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Self.milliseconds(remaining))
            if ready < 0 && errno != EINTR {
                throw DatabaseError(.connectionFailed, detail: "poll() failed with errno \(errno)")
            }
            if ready > 0 {
                guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else {
                    throw connectionError(handle)
                }
                received = drainNotifications(handle)
                if !received.isEmpty { return received }
            }
            if remaining == .zero { return [] }
        }
    }

    private func drainNotifications(_ handle: OpaquePointer) -> [PGNotification] {
        var notifications: [PGNotification] = []
        while let notify = PQnotifies(handle) {
            defer { PQfreemem(notify) }
            let channel = notify.pointee.relname.map { String(cString: $0) } ?? ""
            let payload = notify.pointee.extra.map { String(cString: $0) } ?? ""
            notifications.append(PGNotification(channel: channel, payload: payload, senderPID: notify.pointee.be_pid))
        }
        return notifications
    }

    private func connectionError(_ handle: OpaquePointer) -> DatabaseError {
        var error = DatabaseError.from(result: nil, connection: handle, code: .connectionFailed)
        error.connectionLost = true
        return error
    }

    /// `poll()` timeout for a duration: rounded up to whole milliseconds, capped at Int32.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(0, total))
    }
}
