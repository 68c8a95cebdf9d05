import Logging

/// Applies a service's versioned migrations to its schema, safely from several processes.
///
/// Every service runs this at start (and `leadtrac migrate` runs it on demand):
///
/// ```swift
/// let applied = try Migrator().migrate(
///     schema: "ingest", migrations: IngestMigrations.all, on: conn, logger: logger)
/// ```
///
/// - Serialised per schema by a session advisory lock (`pg_advisory_lock(hashtext(…))`), so
///   replicas starting together apply each migration exactly once; the others wait, then find
///   nothing to do.
/// - Creates the schema if it does not exist and the table `<schema>.schema_migrations
///   (version, name, checksum, applied_at)`.
/// - Applies each pending migration in its own transaction, in version order, with
///   `SET LOCAL search_path TO <schema>`, and records it in the same transaction.
/// - Refuses to start (`.migrationFailed`, naming the version) when an applied migration's
///   checksum differs from the code's: history must not be rewritten.
/// - Applied versions the code does not know (a newer release ran before) are logged and left.
public struct Migrator: Sendable {
    public init() {}

    /// Brings `schema` up to date and returns the versions applied now (empty if none).
    /// - Parameters:
    ///   - schema: The service's schema (quoted, so any name is safe; case-sensitive).
    ///   - migrations: All migrations of the service, in any order; versions must be unique
    ///     and positive.
    ///   - connection: A connection with no open transaction; the advisory lock is held on
    ///     its session until this returns.
    ///   - logger: Receives one info line per applied migration.
    /// - Throws: `.migrationFailed` for invalid input, a checksum mismatch or a failing
    ///   migration (with the server's SQLSTATE); connection errors as they are.
    @discardableResult
    public func migrate(
        schema: String, migrations: [Migration], on connection: PGConnection, logger: Logger
    ) throws(DatabaseError) -> [Int] {
        let ordered = try validated(migrations)
        guard !connection.isInTransaction else {
            throw DatabaseError(.migrationFailed, detail: "migrate() needs a connection without an open transaction")
        }
        var logger = logger
        logger[metadataKey: "db.schema"] = "\(schema)"
        let quotedSchema = quoteIdentifier(schema)
        let table = "\(quotedSchema).schema_migrations"
        let lockKey = PGValue.text("leadtrac.migrations.\(schema)")

        try connection.execute("SELECT pg_advisory_lock(hashtext($1))", [lockKey])
        defer {
            do {
                try connection.execute("SELECT pg_advisory_unlock(hashtext($1))", [lockKey])
            } catch {
                // A dead session has released the lock already.
                logger.debug("Could not release the migration lock", metadata: ["db.error": "\(error)"])
            }
        }

        let schemaExists =
            try connection.execute(
                "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [.text(schema)]
            ).rowCount > 0
        if !schemaExists {
            try connection.executeScript("CREATE SCHEMA IF NOT EXISTS \(quotedSchema)")
            logger.info("Created schema")
        }
        let tableExists =
            try connection.execute("SELECT to_regclass($1) IS NOT NULL", [.text(table)])
            .rows.first?.decode(Bool.self, at: 0) ?? false
        if !tableExists {
            try connection.executeScript(
                """
                CREATE TABLE IF NOT EXISTS \(table) (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        }

        var applied: [Int: String] = [:]
        for row in try connection.execute("SELECT version, checksum FROM \(table) ORDER BY version").rows {
            applied[try row.decode(Int.self, at: 0)] = try row.decode(String.self, at: 1)
        }
        let known = Set(ordered.map(\.version))
        for (version, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            if let migration = ordered.first(where: { $0.version == version }), migration.checksum != checksum {
                throw DatabaseError(
                    .migrationFailed,
                    detail: "migration \(version) (\(migration.name)) was changed after it was applied "
                        + "(checksum \(checksum) in the database, \(migration.checksum) in the code); "
                        + "add a new migration instead")
            }
            if !known.contains(version) {
                logger.info(
                    "Schema has a migration this code does not know", metadata: ["migration.version": "\(version)"])
            }
        }

        var appliedNow: [Int] = []
        for migration in ordered where applied[migration.version] == nil {
            do {
                try connection.transaction { connection in
                    try connection.executeScript("SET LOCAL search_path TO \(quotedSchema)")
                    try connection.executeScript(migration.sql)
                    try connection.execute(
                        "INSERT INTO \(table) (version, name, checksum, applied_at) VALUES ($1, $2, $3, now())",
                        [.init(migration.version), .init(migration.name), .init(migration.checksum)])
                }
            } catch let error as DatabaseError {
                if error.connectionLost { throw error }
                var failure = error.adding(context: "migration \(migration.version) (\(migration.name)) failed")
                failure.code = .migrationFailed
                throw failure
            } catch {
                throw DatabaseError(
                    .migrationFailed,
                    detail: "migration \(migration.version) (\(migration.name)) failed: \(type(of: error))")
            }
            appliedNow.append(migration.version)
            logger.info(
                "Applied migration",
                metadata: ["migration.version": "\(migration.version)", "migration.name": "\(migration.name)"])
        }
        if appliedNow.isEmpty {
            logger.debug("Schema is up to date", metadata: ["migration.count": "\(applied.count)"])
        }
        return appliedNow
    }

    private func validated(_ migrations: [Migration]) throws(DatabaseError) -> [Migration] {
        var seen = Set<Int>()
        for migration in migrations {
            guard migration.version > 0 else {
                throw DatabaseError(
                    .migrationFailed, detail: "migration versions must be positive (got \(migration.version))")
            }
            guard seen.insert(migration.version).inserted else {
                throw DatabaseError(.migrationFailed, detail: "migration version \(migration.version) appears twice")
            }
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
