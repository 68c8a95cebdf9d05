/// The type of a fact, which decides the operators a rule may apply to it and the literals it
/// may compare it with.
public enum FactType: String, Sendable, Hashable, CaseIterable, Codable {
    case string
    case number
    case bool
    case date
    /// An unordered set of strings (codes, categories).
    case set

    /// The comparison operators that apply to facts of this type (`exists`/`missing` apply to all).
    public var operators: [ComparisonOperator] {
        switch self {
        case .string: [.eq, .ne, .in, .notIn]
        case .number: [.eq, .ne, .gt, .ge, .lt, .le]
        case .bool: [.eq, .ne]
        case .date: [.eq, .ne, .gt, .ge, .lt, .le, .withinDays, .olderThanDays]
        case .set: [.contains, .containsAny]
        }
    }
}
