/// One thing wrong with a rule file, where it is and which rule it is in.
///
/// Messages name keys, facts, operators and tiers, never lead data (rule files hold none).
public struct RuleProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable, Codable {
        /// Not YAML, an empty document, a duplicated key, or a top level that is not a mapping.
        case invalidYAML = "rules.invalid-yaml"
        /// A key the rule language does not have (top level, tier or rule).
        case unknownKey = "rules.unknown-key"
        /// A required key is absent (`version`, `tiers`, `rules`, a rule's `name` or `when`, a
        /// tier's `min_points`, the `fact` of a comparison).
        case missingKey = "rules.missing-key"
        /// A value of the wrong shape or type (`points: lots`, a bool fact compared with `"yes"`).
        case wrongType = "rules.wrong-type"
        /// A fact name that is not in the catalogue.
        case unknownField = "rules.unknown-field"
        /// An unknown operator, an operator that does not apply to the fact's type, or several
        /// operators in one test.
        case badOperator = "rules.bad-operator"
        /// A literal a fact can never have (`lead.category: overstays`).
        case unknownValue = "rules.unknown-value"
        /// A value that is out of range or badly formed (empty list, negative days, a name with
        /// spaces, a reserved tier name).
        case invalidValue = "rules.invalid-value"
        /// `minimum_tier` names a tier that is not declared.
        case unknownTier = "rules.unknown-tier"
        case duplicateRuleName = "rules.duplicate-rule-name"
        case duplicateTierName = "rules.duplicate-tier-name"
        /// Tiers must be listed highest first with strictly decreasing `min_points`.
        case tierOrder = "rules.tier-order"
        /// No combination of rules can reach the tier: its `min_points` exceed the sum of all
        /// positive points, and no rule names it as `minimum_tier`.
        case unreachableTier = "rules.unreachable-tier"
        /// A rule with no points, minimum tier or tags does nothing.
        case noEffect = "rules.no-effect"
    }

    /// The file name given to the parser.
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column, when known.
    public let column: Int?
    /// The rule the problem is in, when it is in a rule that has a name.
    public let rule: String?
    public let code: Code
    public let message: String

    public init(file: String, line: Int, column: Int? = nil, rule: String? = nil, code: Code, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.rule = rule
        self.code = code
        self.message = message
    }

    /// `file:line:column: rule 'name': message [code]`, the form editors and CI logs understand.
    public var description: String {
        let position = column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
        let inRule = rule.map { " rule '\($0)':" } ?? ""
        return "\(position):\(inRule) \(message) [\(code.rawValue)]"
    }
}

/// A rule file was rejected, with every problem found so that it can be fixed in one pass.
public struct RuleSetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Sorted by line and column.
    public let problems: [RuleProblem]

    public init(_ problems: [RuleProblem]) { self.problems = problems }

    public var description: String {
        "rule set rejected (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
