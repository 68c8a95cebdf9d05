import CLibPQ
import Logging

/// One blocking connection to PostgreSQL (libpq).
///
/// Every call blocks the calling thread until the server answers, so use a connection from a
/// thread of its own (or a thread pool via `NIOThreadPool`), never from the cooperative
/// pool. A connection belongs to one thread at a time: the type is deliberately not
/// `Sendable`, so the compiler refuses to share it between isolation domains.
///
/// Statements are parameterised (`$1`, `$2`, ...) and each distinct SQL text is prepared once
/// per connection, then executed by name; values never become part of the SQL text.
///
/// ```swift
/// let conn = try PGConnection(configuration: config, logger: logger)
/// try conn.transaction { conn in
///     try conn.execute("insert into ingest.leads(id, name) values ($1, $2)", [.init(id), .init(name)])
///     try conn.execute("insert into ingest.outbox(event) values ($1)", [.init(payload)])
/// }
/// let count = try conn.execute("select count(*) from ingest.leads").rows[0].decode(Int.self, at: 0)
/// ```
///
/// The session runs with `TimeZone=UTC`, `DateStyle=ISO,YMD`, `bytea_output=hex` and
/// `client_encoding=UTF8`, which the decoders rely on.
public final class PGConnection {
    /// What this connection was opened with.
    public let configuration: DatabaseConfiguration
    /// Where connection events go (never parameter values).
    public let logger: Logger

    /// The libpq connection; nil once closed or while a reconnect failed.
    private(set) var handle: OpaquePointer?
    /// SQL text → name of the server-side prepared statement.
    private var preparedStatements: [String: String] = [:]
    private var statementCounter = 0
    /// Channels to LISTEN on again after a reconnect, in the order first listened.
    var listenedChannels: [String] = []
    private let noticeSink: NoticeSink

    /// Beyond this many distinct SQL texts, statements run unprepared (`PQexecParams`) so that
    /// dynamically generated SQL cannot grow server memory without bound.
    static let preparedStatementLimit = 1_000

    /// Opens a connection and waits (up to `configuration.connectTimeout`) until it is ready.
    /// - Throws: `.connectionFailed` with libpq's reason (host, port and user, no password).
    public init(configuration: DatabaseConfiguration, logger: Logger) throws(DatabaseError) {
        self.configuration = configuration
        self.logger = logger
        self.noticeSink = NoticeSink(logger: logger)
        self.handle = try Self.open(configuration, noticeSink: noticeSink)
        logger.info("Connected to PostgreSQL", metadata: connectionMetadata)
    }

    deinit {
        close()
    }

    /// Closes the connection (idempotent). Session state (prepared statements, LISTENs,
    /// advisory locks, an open transaction) ends with it; `reconnect()` opens a new one.
    public func close() {
        guard let handle else { return }
        PQfinish(handle)
        self.handle = nil
        preparedStatements.removeAll()
        logger.debug("Closed PostgreSQL connection")
    }

    /// Whether the connection was usable after its last operation. libpq notices a dead server
    /// only when it next talks to it, so this can be true for a connection whose backend has
    /// just been killed; the next statement then throws a transient error.
    public var isConnected: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Whether a transaction block is open (or failed and not yet rolled back).
    public var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// The server process serving this connection (for `pg_terminate_backend`, diagnostics).
    public var backendPID: Int32? {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return nil }
        return PQbackendPID(handle)
    }

    /// Replaces the connection with a fresh one: call after a transient error with
    /// `connectionLost`. Prepared statements are re-prepared on first use, channels passed to
    /// `listen(_:)` are listened to again; notifications sent while disconnected are lost.
    /// - Throws: `.connectionFailed` if the server is still unreachable (try again later).
    public func reconnect() throws(DatabaseError) {
        if let handle {
            PQfinish(handle)
            self.handle = nil
        }
        preparedStatements.removeAll()
        handle = try Self.open(configuration, noticeSink: noticeSink)
        for channel in listenedChannels {
            try runSimple("LISTEN \(quoteIdentifier(channel))")
        }
        logger.info("Reconnected to PostgreSQL", metadata: connectionMetadata)
    }

    /// Runs one parameterised statement and returns its rows.
    ///
    /// Parameters are sent separately from the SQL (`$1` is `parameters[0]`), in text format
    /// except `.bytes`, sent as binary (the raw bytes).
    /// The SQL text is prepared on its first use on this connection and executed by name
    /// afterwards, so repeat statements skip parsing and planning.
    ///
    /// ```swift
    /// let result = try conn.execute(
    ///     "select name, score from ingest.leads where id = $1 and received_at > $2",
    ///     [.init(id), .init(since)])
    /// ```
    /// - Throws: `.queryFailed` (with SQLSTATE) when the server rejects the statement,
    ///   `.connectionFailed` when the connection is or becomes unusable.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PGValue] = []) throws(DatabaseError) -> PGResult {
        let handle = try requireHandle()
        var values = CStringArray(capacity: parameters.count)
        for (index, parameter) in parameters.enumerated() {
            switch parameter {
            case .null:
                values.appendNull()
            case .text(let text):
                guard values.append(text) else {
                    throw DatabaseError(
                        .queryFailed,
                        detail: "parameter $\(index + 1) contains a NUL character, which PostgreSQL text cannot store")
                }
            case .bytes(let bytes):
                values.appendBinary(bytes)
            }
        }
        let statement = try preparedStatement(for: sql, on: handle)
        let count = Int32(values.count)
        let result = values.withParameters { pointers, lengths, formats in
            if let statement {
                PQexecPrepared(handle, statement, count, pointers, lengths, formats, 0)
            } else {
                PQexecParams(handle, sql, count, nil, pointers, lengths, formats, 0)
            }
        }
        do {
            return try consume(result, on: handle)
        } catch {
            // The statement vanished (DISCARD ALL) or its result shape changed under it
            // (DDL): forget it so the next call prepares it again.
            if let statement, error.sqlState == "26000" || error.sqlState == "0A000" {
                preparedStatements[sql] = nil
                logger.debug("Dropped cached prepared statement", metadata: ["db.statement": "\(statement)"])
            }
            throw error
        }
    }

    /// Runs SQL that may hold several statements separated by semicolons (migrations, setup)
    /// with the simple query protocol. It takes no parameters: never build it from data.
    /// Outside a transaction the statements run as one implicit transaction.
    public func executeScript(_ sql: String) throws(DatabaseError) {
        try runSimple(sql)
    }

    // MARK: - Internals shared with the other files of the connection

    /// Runs SQL through `PQexec` (no parameters, no preparation).
    @discardableResult
    func runSimple(_ sql: String, code: DatabaseError.Code = .queryFailed) throws(DatabaseError) -> PGResult {
        let handle = try requireHandle()
        guard !sql.utf8.contains(0) else {
            throw DatabaseError(code, detail: "the SQL text contains a NUL character")
        }
        return try consume(PQexec(handle, sql), on: handle, code: code)
    }

    /// The open handle, or a `.connectionFailed` error when closed or known broken.
    func requireHandle() throws(DatabaseError) -> OpaquePointer {
        guard let handle else {
            throw DatabaseError(.connectionFailed, detail: "the connection is closed", connectionLost: true)
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            throw DatabaseError(
                .connectionFailed, detail: "the connection is broken; call reconnect()", connectionLost: true)
        }
        return handle
    }

    /// Turns a libpq result into a ``PGResult`` or an error, and frees it.
    func consume(
        _ result: OpaquePointer?, on handle: OpaquePointer, code: DatabaseError.Code = .queryFailed
    ) throws(DatabaseError) -> PGResult {
        guard let result else {
            throw DatabaseError.from(result: nil, connection: handle, code: code)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGResult(copying: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            abandonCopy(on: handle)
            throw DatabaseError(code, detail: "COPY through execute() is not supported; use copyIn(_:rows:)")
        default:
            throw DatabaseError.from(result: result, connection: handle, code: code)
        }
    }

    // MARK: - Private

    /// The prepared statement name for `sql`, preparing it now if needed; nil when the cache
    /// is full (the caller then runs the statement unprepared).
    private func preparedStatement(for sql: String, on handle: OpaquePointer) throws(DatabaseError) -> String? {
        if let name = preparedStatements[sql] { return name }
        guard !sql.utf8.contains(0) else {
            throw DatabaseError(.queryFailed, detail: "the SQL text contains a NUL character")
        }
        guard preparedStatements.count < Self.preparedStatementLimit else { return nil }
        statementCounter += 1
        let name = "leadtrac_\(statementCounter)"
        _ = try consume(PQprepare(handle, name, sql, 0, nil), on: handle)
        preparedStatements[sql] = name
        return name
    }

    private var connectionMetadata: Logger.Metadata {
        var metadata: Logger.Metadata = [
            "db.host": "\(configuration.host)",
            "db.port": "\(configuration.port)",
            "db.name": "\(configuration.database)",
            "db.user": "\(configuration.user)",
        ]
        if let pid = backendPID { metadata["db.backend_pid"] = "\(pid)" }
        return metadata
    }

    private static func open(
        _ configuration: DatabaseConfiguration, noticeSink: NoticeSink
    ) throws(DatabaseError) -> OpaquePointer {
        let parameters = configuration.libpqParameters
        var keywords = CStringArray(capacity: parameters.count)
        var values = CStringArray(capacity: parameters.count)
        for (keyword, value) in parameters {
            guard keywords.append(keyword), values.append(value) else {
                throw DatabaseError(.invalidConfiguration, detail: "the setting '\(keyword)' contains a NUL character")
            }
        }
        let connection = keywords.withPointers(nullTerminated: true) { keywordPointers in
            values.withPointers(nullTerminated: true) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 0)
            }
        }
        guard let connection else {
            throw DatabaseError(.connectionFailed, detail: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = DatabaseError.from(result: nil, connection: connection, code: .connectionFailed)
            PQfinish(connection)
            throw error
        }
        noticeSink.install(on: connection)
        return connection
    }
}

/// Routes server notices (e.g. "relation already exists, skipping") to the logger at debug
/// level instead of libpq's default of printing them to stderr.
final class NoticeSink {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// The connection must not outlive this object (the connection owns both).
    func install(on connection: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = PQsetNoticeReceiver(
            connection,
            { context, result in
                guard let context, let result else { return }
                let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
                sink.receive(result)
            }, context)
    }

    private func receive(_ result: OpaquePointer) {
        let severity = DatabaseError.field(result, "V") ?? "NOTICE"
        let message = DatabaseError.field(result, "M").map(DatabaseError.sanitize) ?? ""
        logger.debug(
            "PostgreSQL notice",
            metadata: [
                "db.severity": "\(severity)",
                "db.sqlstate": "\(DatabaseError.field(result, "C") ?? "")",
                "db.message": "\(message)",
            ])
    }
}
