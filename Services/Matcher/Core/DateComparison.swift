/// How two dates of birth agree, strongest first.
///
/// The levels model the errors source systems actually make: day and month swapped
/// (US vs. European order), one mistyped or misread digit, a year off by one (age-based
/// estimates), and dates known only to the year or month.
public enum DateLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Both complete and equal.
    case exact
    /// Both complete, same year, day and month exchanged (and not equal to each other).
    case dayMonthSwapped
    /// Written as `yyyymmdd` (`yyyymm` if one side has no day), one digit differs, or two
    /// adjacent digits are transposed. Never for a year alone.
    case oneDigitTypo
    /// Same month and day (as far as known), years one apart.
    case yearOffByOne
    /// At least one side is partial, and the year (and month, if both know it) agree.
    case partialAgrees
    case disagree
    case missing
}

/// The comparison of two dates of birth.
public struct DateComparison: Sendable, Hashable {
    public var level: DateLevel
    /// Both dates are complete: a disagreement is then strong counter-evidence.
    public var bothComplete: Bool
    /// For `.partialAgrees`: whether the month agreed too (finer agreement is rarer by chance).
    public var monthAgrees: Bool

    /// The dates are one as far as both records give them: equal, equal with day and month
    /// exchanged, or a partial date agreeing on what it has. Not when either is missing.
    public var agreesAsFarAsKnown: Bool {
        switch level {
        case .exact, .dayMonthSwapped, .partialAgrees: true
        case .oneDigitTypo, .yearOffByOne, .disagree, .missing: false
        }
    }

    public static func compare(_ a: PartialDate?, _ b: PartialDate?) -> DateComparison {
        guard let a, let b else { return DateComparison(level: .missing, bothComplete: false, monthAgrees: false) }
        if a.isComplete && b.isComplete {
            return DateComparison(level: completeLevel(a, b), bothComplete: true, monthAgrees: a.month == b.month)
        }
        let bothHaveMonth = a.month != nil && b.month != nil
        let monthAgrees = bothHaveMonth && a.month == b.month
        if a.year == b.year && (!bothHaveMonth || monthAgrees) {
            return DateComparison(level: .partialAgrees, bothComplete: false, monthAgrees: monthAgrees)
        }
        if abs(a.year - b.year) == 1 && (!bothHaveMonth || monthAgrees) {
            return DateComparison(level: .yearOffByOne, bothComplete: false, monthAgrees: monthAgrees)
        }
        // A digit typo needs the rest of the date to support it: with years alone, 1999 vs
        // 1992 is as likely two people as one typo.
        let typo = bothHaveMonth && isOneDigitTypo(packed(a, digits: 6), packed(b, digits: 6), digits: 6)
        return DateComparison(level: typo ? .oneDigitTypo : .disagree, bothComplete: false, monthAgrees: false)
    }

    private static func completeLevel(_ a: PartialDate, _ b: PartialDate) -> DateLevel {
        if a == b { return .exact }
        if a.year == b.year && a.month == b.day && a.day == b.month { return .dayMonthSwapped }
        if a.month == b.month && a.day == b.day && abs(a.year - b.year) == 1 { return .yearOffByOne }
        return isOneDigitTypo(packed(a, digits: 8), packed(b, digits: 8), digits: 8) ? .oneDigitTypo : .disagree
    }

    /// `yyyymmdd` (or its first `digits` digits) as an integer.
    private static func packed(_ d: PartialDate, digits: Int) -> Int {
        switch digits {
        case 8: d.year * 10_000 + (d.month ?? 0) * 100 + (d.day ?? 0)
        case 6: d.year * 100 + (d.month ?? 0)
        default: d.year
        }
    }

    /// One digit substituted, or two adjacent digits transposed.
    private static func isOneDigitTypo(_ a: Int, _ b: Int, digits: Int) -> Bool {
        var x = a
        var y = b
        var count = 0
        var first = (position: 0, a: 0, b: 0)
        var second = (position: 0, a: 0, b: 0)
        for position in 0..<digits {
            let da = x % 10
            let db = y % 10
            if da != db {
                count += 1
                if count == 1 { first = (position, da, db) } else if count == 2 { second = (position, da, db) } else { return false }
            }
            x /= 10
            y /= 10
        }
        if x != y { return false }  // the years differ beyond four digits
        if count == 1 { return true }
        return count == 2 && second.position == first.position + 1 && first.a == second.b && first.b == second.a
    }
}
