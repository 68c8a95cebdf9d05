import Yams

extension SLAPolicy {
    /// Loads a policy from YAML. The file states the whole policy; nothing is merged with
    /// ``SLAPolicy/default``.
    ///
    /// ```yaml
    /// states:                      # every category
    ///   queued:   { P1: 2d, P2: 5d, P3: 10d }
    ///   inWorkup: { P1: 10d, P2: 20d, P3: 30d }
    /// categories:                  # a category's own rules win
    ///   visaRevokedNationalSecurity:
    ///     queued: { P1: 1d }
    /// ```
    ///
    /// States are ``LeadState`` raw values, tiers ``PriorityTier`` labels, durations `<n>d` or `<n>h`.
    /// - Throws: ``WorkflowConfigurationError`` listing every problem with its key path.
    public init(yaml: String) throws(WorkflowConfigurationError) {
        var issues: [WorkflowConfigurationIssue] = []
        var rules: [SLARule] = []
        if let top = YAMLDocument.topMapping(yaml, issues: &issues) {
            for (keyNode, value) in top {
                let key = keyNode.string ?? ""
                switch key {
                case "states":
                    guard let states = YAMLDocument.mapping(value, at: key, issues: &issues) else { continue }
                    rules += Self.rules(states, category: nil, path: key, issues: &issues)
                case "categories":
                    guard let categories = YAMLDocument.mapping(value, at: key, issues: &issues) else { continue }
                    for (categoryNode, states) in categories {
                        let category = categoryNode.string ?? ""
                        let path = "\(key).\(category)"
                        guard Self.isCategoryName(category) else {
                            issues.append(
                                WorkflowConfigurationIssue(
                                    .invalidCategory, at: path, "a category is an identifier such as overstay"))
                            continue
                        }
                        guard let states = YAMLDocument.mapping(states, at: path, issues: &issues) else { continue }
                        rules += Self.rules(states, category: category, path: path, issues: &issues)
                    }
                default:
                    issues.append(WorkflowConfigurationIssue(.unknownKey, at: key, "unknown key; expected states or categories"))
                }
            }
        }
        // Validate the rules even when the document had problems, so that one pass reports all.
        var policy: SLAPolicy?
        do throws(WorkflowConfigurationError) {
            policy = try SLAPolicy(rules: rules)
        } catch {
            issues += error.issues
        }
        guard issues.isEmpty, let policy else { throw WorkflowConfigurationError(table: "sla", issues: issues) }
        self = policy
    }

    private static func rules(
        _ states: Node.Mapping, category: String?, path: String, issues: inout [WorkflowConfigurationIssue]
    ) -> [SLARule] {
        var rules: [SLARule] = []
        for (stateNode, tiers) in states {
            let stateText = stateNode.string ?? ""
            let statePath = "\(path).\(stateText)"
            guard let state = LeadState(rawValue: stateText) else {
                let known = LeadState.allCases.filter(\.isClocked).map(\.rawValue).joined(separator: ", ")
                issues.append(WorkflowConfigurationIssue(.unknownState, at: statePath, "unknown state; expected one of \(known)"))
                continue
            }
            guard state.isClocked else {
                issues.append(WorkflowConfigurationIssue(.unclockedState, at: statePath, "state \(stateText) runs no SLA clock"))
                continue
            }
            guard let tiers = YAMLDocument.mapping(tiers, at: statePath, issues: &issues) else { continue }
            for (tierNode, durationNode) in tiers {
                let tierText = tierNode.string ?? ""
                let tierPath = "\(statePath).\(tierText)"
                guard let tier = PriorityTier(label: tierText) else {
                    issues.append(
                        WorkflowConfigurationIssue(
                            .unknownTier, at: tierPath, "unknown tier; expected P1, P2, P3 or belowThreshold"))
                    continue
                }
                guard let text = YAMLDocument.scalar(durationNode, at: tierPath, issues: &issues) else { continue }
                guard let duration = SLADuration(text: text) else {
                    issues.append(
                        WorkflowConfigurationIssue(
                            .invalidDuration, at: tierPath, "expected a positive whole number of days or hours, e.g. 2d or 36h"))
                    continue
                }
                rules.append(SLARule(state: state, tier: tier, category: category, duration: duration))
            }
        }
        return rules
    }
}
