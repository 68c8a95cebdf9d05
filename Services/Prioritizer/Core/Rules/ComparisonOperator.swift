/// The comparisons a rule may apply to one fact. The raw value is the key in a rule file.
///
/// Every comparison is false when the fact is missing, `ne` and `not_in` included: "not equal"
/// means "known and different". Use `missing`, or `not` around a comparison, to act on absence.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable, Codable {
    /// Equal to a literal of the fact's type.
    case eq
    /// Present and not equal.
    case ne
    /// A string fact equal to one of a list of strings.
    case `in`
    /// A string fact present and equal to none of a list of strings.
    case notIn = "not_in"
    /// Greater than, greater or equal, less than, less or equal: numbers, and dates (later/earlier).
    case gt, ge, lt, le
    /// A date no more than N days before the evaluation date (later dates, including future
    /// ones, count as within).
    case withinDays = "within_days"
    /// A date more than N days before the evaluation date.
    case olderThanDays = "older_than_days"
    /// A set fact that has this member.
    case contains
    /// A set fact that has at least one of these members.
    case containsAny = "contains_any"
}
