import Yams

/// Reading a `when` condition. Forms:
/// - `{ fact: <field>, <operator>: <operand> }`: one comparison;
/// - `{ exists: <field> }`, `{ missing: <field> }`;
/// - `{ all: [<condition>, …] }`, `{ any: [<condition>, …] }`, `{ not: <condition> }`.
extension RuleFileReader {
    static let combinators = ["all", "any", "not", "exists", "missing"]

    mutating func readCondition(_ node: Node, depth: Int) -> Condition? {
        guard case .mapping(let mapping) = node else {
            report(
                .wrongType, at: node,
                "a condition must be a mapping such as { fact: risk.national_security, eq: true } or { all: [...] }")
            return nil
        }
        guard depth <= Self.maximumDepth else {
            report(.invalidValue, at: node, "conditions nest more than \(Self.maximumDepth) deep; split the rule")
            return nil
        }
        var keys: [(name: String, key: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(.wrongType, at: key, "keys must be plain words")
                return nil
            }
            keys.append((scalar.string, key, value))
        }
        if let fact = keys.first(where: { $0.name == "fact" }) {
            return readComparison(node, fact: fact.value, operators: keys.filter { $0.name != "fact" })
        }
        guard let first = keys.first else {
            report(
                .missingKey, at: node,
                "an empty condition; expected fact with an operator, all, any, not, exists or missing")
            return nil
        }
        for entry in keys where !Self.combinators.contains(entry.name) {
            if ComparisonOperator(rawValue: entry.name) != nil {
                report(.missingKey, at: node, "'\(entry.name)' compares a fact: add fact: <name>")
            } else {
                let hint =
                    Spelling.closest(to: entry.name, among: Self.combinators + ["fact"]).map { "; did you mean \($0)?" }
                    ?? ""
                report(
                    .badOperator, at: entry.key,
                    "unknown condition '\(entry.name)'\(hint) (expected fact with an operator, all, any, not, exists or missing)"
                )
            }
            return nil
        }
        guard keys.count == 1 else {
            report(
                .badOperator, at: keys[1].key,
                "one of all, any, not, exists or missing per condition; found \(keys.map(\.name).joined(separator: " and "))"
            )
            return nil
        }
        switch first.name {
        case "all", "any":
            guard case .sequence(let items) = first.value else {
                report(.wrongType, at: first.value, "\(first.name) takes a list of conditions")
                return nil
            }
            guard !items.isEmpty else {
                report(.invalidValue, at: first.value, "\(first.name) needs at least one condition")
                return nil
            }
            var children: [Condition] = []
            var valid = true
            for item in items {
                if let child = readCondition(item, depth: depth + 1) { children.append(child) } else { valid = false }
            }
            guard valid else { return nil }
            return first.name == "all" ? .all(children) : .any(children)
        case "not":
            return readCondition(first.value, depth: depth + 1).map { .not($0) }
        default:
            guard let field = readField(first.value) else { return nil }
            return first.name == "exists" ? .exists(field) : .missing(field)
        }
    }

    /// A fact name from the catalogue.
    mutating func readField(_ node: Node) -> FactField? {
        guard let name = stringLiteral(node, what: "a fact name") else { return nil }
        guard let field = FactField(name: name) else {
            let all = FactField.allCases.map(\.rawValue)
            let hint = Spelling.closest(to: name, among: all).map { "; did you mean \($0)?" } ?? ""
            report(.unknownField, at: node, "unknown fact '\(name)'\(hint)")
            return nil
        }
        return field
    }

    private mutating func readComparison(
        _ node: Node, fact: Node, operators: [(name: String, key: Node, value: Node)]
    ) -> Condition? {
        let field = readField(fact)
        guard let entry = operators.first else {
            let allowed = field.map { Self.operatorList($0) } ?? "eq, ne, in, gt, ..."
            report(.missingKey, at: node, "a test needs an operator (\(allowed))")
            return nil
        }
        guard operators.count == 1 else {
            report(
                .badOperator, at: operators[1].key,
                "one operator per test; found \(operators.map(\.name).joined(separator: " and ")) (combine tests with all)"
            )
            return nil
        }
        guard let op = ComparisonOperator(rawValue: entry.name) else {
            let candidates =
                field.map { f in f.type.operators.map(\.rawValue) } ?? ComparisonOperator.allCases.map(\.rawValue)
            let hint = Spelling.closest(to: entry.name, among: candidates).map { "; did you mean \($0)?" } ?? ""
            let allowed = field.map { " (\(Self.operatorList($0)))" } ?? ""
            report(.badOperator, at: entry.key, "unknown operator '\(entry.name)'\(hint)\(allowed)")
            return nil
        }
        guard let field else { return nil }
        guard field.type.operators.contains(op) else {
            report(
                .badOperator, at: entry.key,
                "\(op.rawValue) does not apply to \(field.type.rawValue) fact \(field.rawValue) (\(Self.operatorList(field)))"
            )
            return nil
        }
        return readOperand(entry.value, for: field, op).map { .compare(field, op, $0) }
    }

    private static func operatorList(_ field: FactField) -> String {
        "\(field.type.rawValue) facts take " + field.type.operators.map(\.rawValue).joined(separator: ", ")
            + ", or exists/missing"
    }

    private mutating func readOperand(_ node: Node, for field: FactField, _ op: ComparisonOperator) -> FactValue? {
        switch op {
        case .in, .notIn, .containsAny:
            guard let values = stringList(node, what: op.rawValue) else { return nil }
            guard checkAllowed(values, of: field, node) else { return nil }
            return .set(Set(values))
        case .contains:
            return stringLiteral(node, what: "contains").map { .string($0) }
        case .withinDays, .olderThanDays:
            guard let days = integer(node, what: op.rawValue) else { return nil }
            guard days >= 0 else {
                report(.invalidValue, at: node, "\(op.rawValue) must not be negative")
                return nil
            }
            return .number(Double(days))
        case .eq, .ne, .gt, .ge, .lt, .le:
            return readLiteral(node, of: field)
        }
    }

    /// A literal of the field's own type.
    private mutating func readLiteral(_ node: Node, of field: FactField) -> FactValue? {
        switch field.type {
        case .string:
            guard let text = stringLiteral(node, what: "a \(field.rawValue) value") else { return nil }
            return checkAllowed([text], of: field, node) ? .string(text) : nil
        case .bool:
            guard node.yamlType == .bool, let flag = node.bool else {
                report(.wrongType, at: node, "\(field.rawValue) is true or false")
                return nil
            }
            return .bool(flag)
        case .number:
            guard node.yamlType == .int || node.yamlType == .float, let number = node.float, number.isFinite else {
                report(.wrongType, at: node, "\(field.rawValue) is a number")
                return nil
            }
            return .number(number)
        case .date:
            guard case .scalar(let scalar) = node, let date = CivilDate.parse(scalar.string) else {
                report(.wrongType, at: node, "\(field.rawValue) is a date: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
                return nil
            }
            return .date(date)
        case .set:
            return nil  // no operator of a set fact takes a single literal; rejected before
        }
    }

    private mutating func checkAllowed(_ values: [String], of field: FactField, _ node: Node) -> Bool {
        guard let allowed = field.allowedValues else { return true }
        for value in values where !allowed.contains(value) {
            let hint = Spelling.closest(to: value, among: allowed).map { "; did you mean \($0)?" } ?? ""
            report(
                .unknownValue, at: node,
                "\(field.rawValue) is never '\(value)'\(hint) (values: \(allowed.joined(separator: ", ")))")
            return false
        }
        return true
    }
}
