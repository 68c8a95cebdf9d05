/// A work queue: one per tier and lead category, so that supervisors can point analysts at
/// kinds of work (a national-security team takes `p1.visa-revoked-national-security`).
public struct QueueName: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var tier: PriorityTier
    /// The lead category's stable identifier (`LeadCategory.rawValue` in LeadTracDomain, e.g.
    /// `visaRevokedNationalSecurity`). Kept as text so this library stays free of the domain module.
    public var category: String

    public init(tier: PriorityTier, category: String) {
        self.tier = tier
        self.category = category
    }

    /// `tier.category` in lower kebab case: `p1.overstay`, `p2.visa-revoked-national-security`,
    /// `below-threshold.absent-without-leave`. Used in URLs, metrics labels and screens.
    public var description: String { "\(tier.queueSegment).\(Self.kebab(category))" }

    /// Higher tier first, then category by name, so queue lists read the same everywhere.
    public static func < (lhs: QueueName, rhs: QueueName) -> Bool {
        lhs.tier != rhs.tier ? lhs.tier < rhs.tier : lhs.category < rhs.category
    }

    /// `visaRevokedNationalSecurity` → `visa-revoked-national-security`.
    static func kebab(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isUppercase {
                if !result.isEmpty && result.last != "-" { result.append("-") }
                result.append(contentsOf: character.lowercased())
            } else if character == "_" || character == " " {
                if !result.isEmpty && result.last != "-" { result.append("-") }
            } else {
                result.append(character)
            }
        }
        return result
    }
}
