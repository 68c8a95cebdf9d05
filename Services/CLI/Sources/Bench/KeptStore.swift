import LeadTracStorage

/// A subject store that `bench match --subjects N --keep-store SCHEMA` loaded once and leaves in
/// place, so that later runs measure the matcher without reloading (10M subjects take about half
/// an hour to COPY and index).
///
/// The schema's comment records what was loaded: it is set only when the load finished, so a
/// half-loaded schema (an interrupted run) is refused rather than measured. Runs are counted by
/// the source systems of their leads (`bench/stream/<run>`).
struct KeptStore {
    let schema: String
    let subjects: Int
    let seed: UInt64

    private var label: String { "leadtrac bench store: subjects=\(subjects) seed=\(seed)" }

    static func streamSystem(run: Int) -> String { "bench/stream/\(run)" }

    /// Runs completed on the store before this one, or nil when the schema holds no subjects yet
    /// (it is to be loaded). Throws when it holds another store or an unfinished load.
    func completedRuns(on db: PGConnection) throws -> Int? {
        let comment = try db.execute("SELECT obj_description(to_regnamespace($1), 'pg_namespace')", [PGValue(schema)]).rows[0]
            .decode(String?.self, at: 0)
        guard let comment else {
            let subjects = try db.execute("SELECT count(*) FROM (SELECT 1 FROM \(schema).subjects LIMIT 1) AS first").rows[0]
                .decode(Int.self, at: 0)
            guard subjects == 0 else {
                throw BenchmarkError(message: "schema \(schema) holds subjects but no finished load: drop it (DROP SCHEMA \(schema) CASCADE)")
            }
            return nil
        }
        guard comment == label else {
            throw BenchmarkError(message: "schema \(schema) holds another store (\(comment)): name another schema, or drop it")
        }
        return try db.execute(
            "SELECT count(DISTINCT source_system) FROM \(schema).lead_links WHERE source_system LIKE 'bench/stream/%'"
        ).rows[0].decode(Int.self, at: 0)
    }

    func markLoaded(on db: PGConnection) throws {
        try db.execute("COMMENT ON SCHEMA \(schema) IS '\(label)'")
    }
}
