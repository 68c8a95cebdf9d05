import Yams

/// Walks the YAML node tree of a rule file, turning it into tiers and rules and recording every
/// problem with its position instead of stopping at the first.
///
/// Works on Yams' composed nodes (not `Decodable`) because nodes keep their line and column and
/// their resolved YAML type, which is what precise messages need (`NO` read as a boolean, say).
struct RuleFileReader {
    /// What a rule file says, before the whole-set checks in ``RuleSetChecks``.
    struct Document {
        var declaredVersion: String?
        var description: String?
        var tiers: [(tier: Tier, nameNode: Node, minPointsNode: Node?)] = []
        var rules: [RuleEntry] = []
        /// True when every rule could be read completely (reachability is only judged then).
        var rulesComplete = true
    }

    /// What could be read of one rule: enough for the whole-set checks even when its condition
    /// is broken, so one pass reports duplicate names and unknown tiers too.
    struct RuleEntry {
        var name: String?
        var nameNode: Node?
        var line: Int
        var points: Int
        var minimumTier: String?
        var minimumTierNode: Node?
        /// Nil when the rule has a problem of its own.
        var rule: Rule?
    }

    static let topLevelKeys = ["version", "description", "tiers", "rules"]
    static let tierKeys = ["name", "min_points"]
    static let ruleKeys = ["name", "description", "when", "points", "minimum_tier", "tags"]
    /// Conditions deeper than this are refused: a rule that needs more is not reviewable.
    static let maximumDepth = 12

    let file: String
    var problems: [RuleProblem] = []
    /// The rule being read, named in problems.
    var currentRule: String?

    init(file: String) { self.file = file }

    // MARK: Document

    mutating func read(yaml: String) -> Document? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                report(.invalidYAML, line: 1, column: nil, "the rule file is empty")
                return nil
            }
            root = node
        } catch {
            reportYAMLError(error)
            return nil
        }
        guard case .mapping(let top) = root else {
            report(.invalidYAML, at: root, "the top level must be a mapping with version, tiers and rules")
            return nil
        }
        var document = Document()
        let entries = self.entries(of: top, allowed: Self.topLevelKeys, in: "the top level")
        if let node = entries["version"]?.value {
            if let text = scalarText(node, what: "version") {
                if text.isEmpty || text.contains(where: \.isWhitespace) {
                    report(.invalidValue, at: node, "version must be a non-empty word such as 2025.06")
                } else {
                    document.declaredVersion = text
                }
            }
        } else {
            report(.missingKey, at: root, "the rule file needs a version")
        }
        if let node = entries["description"]?.value { document.description = scalarText(node, what: "description") }
        if let node = entries["tiers"]?.value {
            document.tiers = readTiers(node)
        } else {
            report(.missingKey, at: root, "the rule file needs tiers")
        }
        if let node = entries["rules"]?.value {
            readRules(node, into: &document)
        } else {
            report(.missingKey, at: root, "the rule file needs rules")
        }
        return document
    }

    // MARK: Tiers

    private mutating func readTiers(_ node: Node) -> [(tier: Tier, nameNode: Node, minPointsNode: Node?)] {
        guard case .sequence(let items) = node else {
            report(.wrongType, at: node, "tiers must be a list of { name, min_points }, highest tier first")
            return []
        }
        if items.isEmpty { report(.invalidValue, at: node, "declare at least one tier") }
        var tiers: [(tier: Tier, nameNode: Node, minPointsNode: Node?)] = []
        for item in items {
            guard case .mapping(let mapping) = item else {
                report(.wrongType, at: item, "a tier must be a mapping { name, min_points }")
                continue
            }
            let entries = self.entries(of: mapping, allowed: Self.tierKeys, in: "a tier")
            guard let nameNode = entries["name"]?.value else {
                report(.missingKey, at: item, "a tier needs a name")
                continue
            }
            guard let name = scalarText(nameNode, what: "a tier name") else { continue }
            guard isName(name), name != Priority.belowThresholdName else {
                report(
                    .invalidValue, at: nameNode,
                    name == Priority.belowThresholdName
                        ? "\(name) is reserved for leads below every tier"
                        : "a tier name is letters, digits, '-', '_' or '.'")
                continue
            }
            guard let pointsNode = entries["min_points"]?.value else {
                report(.missingKey, at: item, "tier \(name) needs min_points")
                continue
            }
            guard let minPoints = integer(pointsNode, what: "min_points") else { continue }
            tiers.append((Tier(name: name, minPoints: minPoints), nameNode, pointsNode))
        }
        return tiers
    }

    // MARK: Rules

    private mutating func readRules(_ node: Node, into document: inout Document) {
        guard case .sequence(let items) = node else {
            report(.wrongType, at: node, "rules must be a list of rules")
            return
        }
        for (position, item) in items.enumerated() {
            currentRule = nil
            defer { currentRule = nil }
            guard case .mapping(let mapping) = item else {
                report(.wrongType, at: item, "rule \(position + 1) must be a mapping with name, when and effects")
                document.rulesComplete = false
                continue
            }
            // The name first, so that every other problem in the rule can say which rule it is in.
            let nameNode = mapping["name"]
            var name: String?
            if let nameNode {
                name = scalarText(nameNode, what: "a rule name")
                if let text = name, !isName(text) {
                    report(.invalidValue, at: nameNode, "a rule name is letters, digits, '-', '_' or '.' (no spaces)")
                    name = nil
                }
                currentRule = name
            } else {
                report(.missingKey, at: item, "rule \(position + 1) needs a name")
            }
            let problemsBefore = problems.count
            let entries = self.entries(of: mapping, allowed: Self.ruleKeys, in: "a rule")
            let description = entries["description"].flatMap { scalarText($0.value, what: "description") }

            var condition: Condition?
            if let whenNode = entries["when"]?.value {
                condition = readCondition(whenNode, depth: 1)
            } else {
                report(.missingKey, at: item, "a rule needs a when condition")
            }
            var points = 0
            if let node = entries["points"]?.value, let value = integer(node, what: "points") { points = value }
            var minimumTier: String?
            let minimumTierNode = entries["minimum_tier"]?.value
            if let node = minimumTierNode { minimumTier = scalarText(node, what: "minimum_tier") }
            var tags: [String] = []
            if let node = entries["tags"]?.value {
                tags = stringList(node, what: "tags") ?? []
                for (tag, tagNode) in zip(tags, node.sequence.map(Array.init) ?? []) where !isName(tag) {
                    report(.invalidValue, at: tagNode, "a tag is letters, digits, '-', '_' or '.' (no spaces)")
                }
            }
            let complete = problems.count == problemsBefore && name != nil
            if complete && points == 0 && minimumTier == nil && tags.isEmpty {
                report(.noEffect, at: item, "the rule has no effect: give it points, a minimum_tier or tags")
            }
            var entry = RuleEntry(
                name: name, nameNode: nameNode, line: item.mark?.line ?? 0, points: points, minimumTier: minimumTier,
                minimumTierNode: minimumTierNode)
            if complete, let name, let condition {
                entry.rule = Rule(
                    name: name, description: description, condition: condition, points: points,
                    minimumTier: minimumTier, tags: Array(Set(tags)), line: entry.line)
            } else {
                document.rulesComplete = false
            }
            document.rules.append(entry)
        }
    }

    // MARK: Reporting

    mutating func report(_ code: RuleProblem.Code, at node: Node, _ message: String) {
        report(code, line: node.mark?.line ?? 0, column: node.mark?.column, message)
    }

    mutating func report(_ code: RuleProblem.Code, line: Int, column: Int?, _ message: String) {
        problems.append(
            RuleProblem(file: file, line: line, column: column, rule: currentRule, code: code, message: message))
    }

    private mutating func reportYAMLError(_ error: any Error) {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            report(.invalidYAML, line: mark.line, column: mark.column, "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            report(
                .invalidYAML, line: context.mark.line, column: context.mark.column,
                "duplicated key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        case .reader(let problem, _, _, _):
            report(.invalidYAML, line: 1, column: nil, "unreadable text: \(problem)")
        default:
            report(.invalidYAML, line: 1, column: nil, "not a YAML document")
        }
    }

    // MARK: Node helpers

    /// The mapping's entries by key; keys outside `allowed` are reported as unknown.
    mutating func entries(of mapping: Node.Mapping, allowed: [String], in context: String)
        -> [String: (key: Node, value: Node)]
    {
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(.wrongType, at: key, "keys must be plain words")
                continue
            }
            if allowed.contains(scalar.string) {
                result[scalar.string] = (key, value)
            } else {
                let hint = Spelling.closest(to: scalar.string, among: allowed).map { "; did you mean \($0)?" } ?? ""
                report(
                    .unknownKey, at: key,
                    "unknown key '\(scalar.string)' in \(context)\(hint) (allowed: \(allowed.joined(separator: ", ")))")
            }
        }
        return result
    }

    /// The text of a scalar of any YAML type (`version: 1.0` reads as "1.0").
    mutating func scalarText(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node, node.yamlType != .null else {
            report(.wrongType, at: node, "\(what) must be a single value")
            return nil
        }
        return scalar.string
    }

    /// A string literal: a scalar that YAML reads as text. `NO`, `yes` or `12` are refused with a
    /// hint to quote them, so a value never changes type behind a reviewer's back.
    mutating func stringLiteral(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType, at: node, "\(what) must be a text value")
            return nil
        }
        guard node.yamlType == .str else {
            report(
                .wrongType, at: node,
                "\(what) must be text; YAML reads \(scalar.string) as \(Self.typeName(node)), quote it (\"\(scalar.string)\") if text is meant"
            )
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ node: Node, what: String) -> Int? {
        guard node.yamlType == .int, let value = node.int else {
            report(.wrongType, at: node, "\(what) must be a whole number")
            return nil
        }
        return value
    }

    /// A non-empty list of string literals.
    mutating func stringList(_ node: Node, what: String) -> [String]? {
        guard case .sequence(let items) = node else {
            report(.wrongType, at: node, "\(what) must be a list such as [a, b]")
            return nil
        }
        guard !items.isEmpty else {
            report(.invalidValue, at: node, "\(what) must not be empty")
            return nil
        }
        var values: [String] = []
        var valid = true
        for item in items {
            if let text = stringLiteral(item, what: "each of \(what)") { values.append(text) } else { valid = false }
        }
        return valid ? values : nil
    }

    static func typeName(_ node: Node) -> String {
        switch node.yamlType {
        case .bool: "a boolean"
        case .int: "a whole number"
        case .float: "a number"
        case .null: "null"
        case .timestamp: "a date"
        case .str: "text"
        default: if case .sequence = node { "a list" } else if case .mapping = node { "a mapping" } else { "a value" }
        }
    }

    /// Names of rules, tiers and tags: reviewable, log-safe slugs.
    func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
    }
}

extension Node {
    /// The resolved YAML type (`str`, `int`, `bool`, …) of the node.
    var yamlType: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
