/// When a rule fires: a small tree of tests on facts, combined with `all`, `any` and `not`.
///
/// Deliberately not a programming language: no variables, arithmetic or user functions, so a
/// supervisor can read each rule and know exactly when it applies.
public indirect enum Condition: Sendable, Hashable {
    /// True when every condition is true.
    case all([Condition])
    /// True when at least one condition is true.
    case any([Condition])
    /// True when the condition is false (including because a fact it tests is missing).
    case not(Condition)
    /// True when the fact has a value.
    case exists(FactField)
    /// True when the fact has no value.
    case missing(FactField)
    /// Compares a fact with a literal; false when the fact is missing. The operand is a value of
    /// the fact's type, a `.set` of strings for `in`/`not_in`/`contains_any`, a `.string` for
    /// `contains`, and a `.number` of days for `within_days`/`older_than_days`.
    case compare(FactField, ComparisonOperator, FactValue)

    /// The facts this condition reads, each once, in catalogue order.
    public var facts: [FactField] {
        var seen = Set<FactField>()
        collect(into: &seen)
        return FactField.allCases.filter(seen.contains)
    }

    private func collect(into seen: inout Set<FactField>) {
        switch self {
        case .all(let children), .any(let children): for child in children { child.collect(into: &seen) }
        case .not(let child): child.collect(into: &seen)
        case .exists(let field), .missing(let field), .compare(let field, _, _): seen.insert(field)
        }
    }
}
