import CLibPQ

extension PGConnection {
    /// Runs `body` inside `BEGIN` … `COMMIT` and returns its value.
    ///
    /// If `body` throws, the transaction is rolled back and the original error is rethrown
    /// unchanged. If `COMMIT` fails, or the server answers it with `ROLLBACK` because a
    /// statement inside failed and `body` swallowed that error, this throws `.commitFailed`.
    /// A commit that fails with `connectionLost` has an unknown outcome: make retried work
    /// idempotent.
    ///
    /// ```swift
    /// let id = try conn.transaction { conn in
    ///     let id = try conn.execute("insert into workflow.cases(lead_id) values ($1) returning id", [.init(leadID)])
    ///         .rows[0].decode(Int64.self, at: 0)
    ///     try conn.execute("insert into workflow.outbox(case_id) values ($1)", [.init(id)])
    ///     return id
    /// }
    /// ```
    ///
    /// Transactions do not nest: calling this while a transaction is open throws.
    public func transaction<T>(_ body: (PGConnection) throws -> T) throws -> T {
        if isInTransaction {
            throw DatabaseError(.queryFailed, detail: "transaction() cannot be nested: a transaction is already open")
        }
        try runSimple("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackQuietly()
            throw error
        }
        let commit: PGResult
        do {
            commit = try runSimple("COMMIT", code: .commitFailed)
        } catch {
            rollbackQuietly()
            throw error
        }
        guard commit.commandStatus == "COMMIT" else {
            throw DatabaseError(
                .commitFailed,
                detail: "the server rolled the transaction back instead of committing (a statement in it failed)")
        }
        return value
    }

    /// Rolls back an open transaction, ignoring failures: used on error paths, where the
    /// original error matters and a dead connection has rolled back anyway.
    func rollbackQuietly() {
        guard let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) != PQTRANS_IDLE else {
            return
        }
        do {
            try runSimple("ROLLBACK")
        } catch {
            logger.debug("ROLLBACK failed", metadata: ["db.error": "\(error)"])
        }
    }
}
