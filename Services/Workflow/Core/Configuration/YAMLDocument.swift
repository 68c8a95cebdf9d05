import Yams

/// Reading configuration YAML as nodes rather than through `Decodable`, for two reasons:
/// scalars stay as written (`02134` stays a string; a decoder would read an integer), and
/// every problem is collected with its key path instead of stopping at the first.
enum YAMLDocument {
    /// Parses the text into its top-level mapping, or records why it cannot.
    static func topMapping(_ yaml: String, issues: inout [WorkflowConfigurationIssue]) -> Node.Mapping? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            issues.append(WorkflowConfigurationIssue(.invalidYAML, at: "$", "not valid YAML (\(summary(of: error)))"))
            return nil
        }
        guard let mapping = node?.mapping else {
            issues.append(WorkflowConfigurationIssue(.invalidYAML, at: "$", "the top level must be a mapping"))
            return nil
        }
        return mapping
    }

    /// The value at `key` as a mapping, or an issue when it is something else.
    static func mapping(_ node: Node, at path: String, issues: inout [WorkflowConfigurationIssue]) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        issues.append(WorkflowConfigurationIssue(.wrongType, at: path, "expected a mapping"))
        return nil
    }

    /// The value as text, or an issue when it is a mapping or a list.
    static func scalar(_ node: Node, at path: String, issues: inout [WorkflowConfigurationIssue]) -> String? {
        if let scalar = node.scalar { return scalar.string }
        issues.append(WorkflowConfigurationIssue(.wrongType, at: path, "expected a single value"))
        return nil
    }

    /// The error's kind and position only.
    private static func summary(of error: any Error) -> String {
        guard let yaml = error as? YamlError else { return "unreadable" }
        switch yaml {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return "syntax error at line \(mark.line), column \(mark.column)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys: " + duplicates.joined(separator: ", ")
        default:
            return "syntax error"
        }
    }
}
