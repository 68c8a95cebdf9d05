import Foundation
import LeadTracStorage
import PrioritizerCore
import Synchronization

/// The `rule_sets` table: every version ever loaded, one active.
///
/// The first time a database has no active rule set (a fresh schema), the compiled-in default
/// (``DefaultRules``, i.e. deploy/rules/default.yaml) becomes the first active version, by
/// `system`. Seeding at first use rather than in a migration keeps migrations immutable while
/// the default file evolves: a changed default reaches a database only through
/// `leadtrac rules activate`, which is audited.
public struct RuleSetStore: Sendable {
    public let schema: String
    private let table: String
    private let cache: RuleSetCache

    public init(schema: String) {
        self.schema = schema
        table = "\(quoteIdentifier(schema)).rule_sets"
        cache = RuleSetCache.shared
    }

    /// A stored rule set's listing (no YAML).
    public struct Info: Sendable, Codable, Hashable {
        public var version: String
        public var declaredVersion: String
        public var fileName: String
        public var active: Bool
        public var createdAt: Date
        public var activatedAt: Date?
        public var activatedBy: String?
    }

    /// The active rule set, seeding the default when there is none.
    /// - Parameter seed: false in a read-only transaction: the default is returned, not stored.
    public func active(on db: PGConnection, seed: Bool = true) throws -> RuleSet {
        if let found = try activeRow(on: db) { return found }
        let rules = try cache.parse(DefaultRules.yaml, file: DefaultRules.fileName)
        guard seed else { return rules }
        try db.execute(
            """
            INSERT INTO \(table) (version, declared_version, file_name, yaml, active, activated_at, activated_by)
            VALUES ($1, $2, $3, $4, true, now(), 'system') ON CONFLICT DO NOTHING
            """,
            [PGValue(rules.version), PGValue(rules.declaredVersion), PGValue(DefaultRules.fileName), PGValue(DefaultRules.yaml)])
        guard let seeded = try activeRow(on: db) else { throw PrioritizerError(message: "no active rule set after seeding") }
        return seeded
    }

    private func activeRow(on db: PGConnection) throws -> RuleSet? {
        let rows = try db.execute("SELECT version, yaml, file_name FROM \(table) WHERE active").rows
        guard let row = rows.first else { return nil }
        let version = try row.decode(String.self, at: 0)
        if let cached = cache[version] { return cached }
        return try cache.parse(try row.decode(String.self, at: 1), file: try row.decode(String.self, at: 2))
    }

    /// A stored rule set by version, or nil.
    public func ruleSet(_ version: String, on db: PGConnection) throws -> RuleSet? {
        if let cached = cache[version] { return cached }
        guard let row = try db.execute("SELECT yaml, file_name FROM \(table) WHERE version = $1", [PGValue(version)]).rows.first
        else { return nil }
        return try cache.parse(try row.decode(String.self, at: 0), file: try row.decode(String.self, at: 1))
    }

    /// Every stored rule set, newest first.
    public func list(on db: PGConnection) throws -> [Info] {
        try db.execute(
            """
            SELECT version, declared_version, file_name, active, created_at, activated_at, activated_by
            FROM \(table) ORDER BY created_at DESC, version
            """
        ).rows.map { row in
            Info(
                version: try row.decode(String.self, at: 0), declaredVersion: try row.decode(String.self, at: 1),
                fileName: try row.decode(String.self, at: 2), active: try row.decode(Bool.self, at: 3),
                createdAt: try row.decode(Date.self, at: 4), activatedAt: try row.decode(Date?.self, at: 5),
                activatedBy: try row.decode(String?.self, at: 6))
        }
    }

    /// Stores `rules` (if new) and makes it the only active version (caller's transaction).
    func makeActive(_ rules: RuleSet, yaml: String, file: String, by user: String, on db: PGConnection) throws {
        try db.execute(
            """
            INSERT INTO \(table) (version, declared_version, file_name, yaml) VALUES ($1, $2, $3, $4)
            ON CONFLICT (version) DO NOTHING
            """, [PGValue(rules.version), PGValue(rules.declaredVersion), PGValue(file), PGValue(yaml)])
        try db.execute("UPDATE \(table) SET active = false WHERE active")
        try db.execute(
            "UPDATE \(table) SET active = true, activated_at = now(), activated_by = $2 WHERE version = $1",
            [PGValue(rules.version), PGValue(user)])
        cache.insert(rules)
    }
}

/// Parsed rule sets by version, shared by every handler and route of the process: parsing and
/// compiling a rule set takes milliseconds, the lookup per message a few nanoseconds. A version
/// is a content hash, so an entry never goes stale.
final class RuleSetCache: Sendable {
    static let shared = RuleSetCache()
    private let entries = Mutex<[String: RuleSet]>([:])

    subscript(version: String) -> RuleSet? { entries.withLock { $0[version] } }

    func insert(_ rules: RuleSet) { entries.withLock { $0[rules.version] = rules } }

    func parse(_ yaml: String, file: String) throws -> RuleSet {
        let rules = try RuleSet.parse(yaml: yaml, file: file)
        insert(rules)
        return rules
    }
}

/// A state the prioritizer's own data should never be in (retried, then dead-lettered as
/// `handler.failed`). The message names no personal data.
public struct PrioritizerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "prioritizer: \(message)" }
}
