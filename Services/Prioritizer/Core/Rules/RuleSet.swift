/// A validated, versioned set of prioritisation rules, compiled for evaluation.
///
/// Load one with ``parse(yaml:file:)``; score leads with ``evaluate(_:)`` (full explanation) or
/// ``outcome(_:)`` (points and priority only, for bulk what-if runs).
public struct RuleSet: Sendable {
    /// The `version` string declared in the file (e.g. `2025.06`), as written.
    public let declaredVersion: String
    /// The file's `description`, if any.
    public let description: String?
    /// Highest first, `minPoints` strictly decreasing.
    public let tiers: [Tier]
    /// In file order.
    public let rules: [Rule]
    /// The normalised text the content hash is taken over (see ``contentHash``).
    public let canonicalText: String
    /// 64-bit FNV-1a of the UTF-8 of ``canonicalText``: equal for files that differ only in
    /// comments, layout, rule order or descriptions; different when anything that decides a
    /// score or an explanation changes.
    public let contentHash: UInt64

    /// The conditions of all rules, compiled.
    let program: Program
    /// One entry per rule, in file order.
    let compiled: ContiguousArray<CompiledRule>
    /// The priority for each rank: the tiers, then below-threshold.
    let priorities: [Priority]

    struct CompiledRule: Sendable {
        /// Index of the rule's condition in ``program``.
        let root: Int
        let points: Int
        /// Rank of the rule's minimum tier, or `Int.max` when it sets none.
        let minimumRank: Int
    }
    /// By rule: the facts its condition reads, for explanations.
    let factsUsed: [[FactField]]

    /// The identity stored with every score: the declared version, `+`, and the content hash in
    /// 16 hex digits, e.g. `2025.06+8c3f0e2a91b4d7c5`. Two files with the same declared version
    /// but different rules get different identities.
    public let version: String

    /// The cut-off: a lead with fewer points than this (the lowest tier's `min_points`), and no
    /// minimum tier from a fired rule, is below threshold.
    public var belowThreshold: Int { tiers.last?.minPoints ?? 0 }

    /// Parses and validates a rule file.
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - file: the name to report problems against (a path, or `default.yaml`).
    /// - Throws: ``RuleSetError`` with every problem found, sorted by position.
    public static func parse(yaml: String, file: String) throws(RuleSetError) -> RuleSet {
        var reader = RuleFileReader(file: file)
        let document = reader.read(yaml: yaml)
        if let document { reader.checkWholeSet(document) }
        var seen = Set<RuleProblem>()
        let problems = reader.problems.filter { seen.insert($0).inserted }.enumerated().sorted {
            ($0.element.line, $0.element.column ?? 0, $0.offset) < ($1.element.line, $1.element.column ?? 0, $1.offset)
        }.map(\.element)
        guard problems.isEmpty, let document, let declaredVersion = document.declaredVersion else {
            throw RuleSetError(problems)
        }
        return RuleSet(
            declaredVersion: declaredVersion, description: document.description, tiers: document.tiers.map(\.tier),
            rules: document.rules.compactMap(\.rule))
    }

    /// Builds and compiles an already validated rule set.
    private init(declaredVersion: String, description: String?, tiers: [Tier], rules: [Rule]) {
        self.declaredVersion = declaredVersion
        self.description = description
        self.tiers = tiers
        self.rules = rules
        canonicalText = CanonicalText.of(tiers: tiers, rules: rules)
        contentHash = FNV1a64.hash(canonicalText)
        version = declaredVersion + "+" + FNV1a64.hex(contentHash)
        let ranks = Dictionary(uniqueKeysWithValues: tiers.enumerated().map { ($1.name, $0) })
        var program = Program()
        compiled = ContiguousArray(
            rules.map { rule in
                CompiledRule(
                    root: program.append(rule.condition), points: rule.points,
                    minimumRank: rule.minimumTier.flatMap { ranks[$0] } ?? .max)
            })
        self.program = program
        factsUsed = rules.map(\.condition.facts)
        priorities = tiers.map { .tier($0.name) } + [.belowThreshold]
    }

    /// 0 for the highest tier, counting down the tiers, then `tiers.count` for below threshold;
    /// nil for a tier this rule set does not have. Lower is more urgent.
    public func rank(of priority: Priority) -> Int? {
        switch priority {
        case .belowThreshold: tiers.count
        case .tier(let name): tiers.firstIndex { $0.name == name }
        }
    }
}
