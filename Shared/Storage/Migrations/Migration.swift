/// One versioned schema change for a service's schema.
///
/// The SQL runs with `search_path` set to the service's schema, so it uses unqualified names
/// (`create table leads (…)`). It runs inside a transaction: do not put `BEGIN`/`COMMIT` or
/// statements that cannot run in a transaction (`CREATE INDEX CONCURRENTLY`) in it.
///
/// Once applied, a migration must never change: its ``checksum`` is recorded and the
/// ``Migrator`` refuses to start when the code's SQL differs from what was applied. Fix
/// mistakes with a new version.
public struct Migration: Sendable, Hashable {
    /// Order of application; unique per schema, positive.
    public var version: Int
    /// Short human-readable name (`create_leads`).
    public var name: String
    /// The SQL, possibly several statements.
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Stable fingerprint of ``sql``: 64-bit FNV-1a of its UTF-8 bytes, as 16 hex digits.
    /// (Not cryptographic: it detects edits, it does not resist forgery.)
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
