import Foundation

/// How long a lead may stay in a state: whole days or hours of elapsed time.
///
/// A day is 24 hours of elapsed time from the moment the lead entered the state, not a
/// business day and not a calendar date in some time zone: simple to explain, the same in
/// every office, and free of daylight-saving jumps. Working-day calendars can come later as
/// a different clock, if operations ask for them.
public struct SLADuration: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public let seconds: Int

    private init(seconds: Int) { self.seconds = seconds }

    public static func days(_ days: Int) -> SLADuration { SLADuration(seconds: days * 86_400) }
    public static func hours(_ hours: Int) -> SLADuration { SLADuration(seconds: hours * 3_600) }

    /// Reads `2d` or `36h` (a positive whole number and a unit). `nil` for anything else,
    /// including zero, negatives, fractions and missing units.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, let count = Int(trimmed.dropLast()), count > 0,
            trimmed.dropLast().allSatisfy(\.isASCII), trimmed.dropLast().allSatisfy(\.isNumber)
        else { return nil }
        switch unit {
        case "d": self = .days(count)
        case "h": self = .hours(count)
        default: return nil
        }
    }

    public static func < (lhs: SLADuration, rhs: SLADuration) -> Bool { lhs.seconds < rhs.seconds }

    /// `2d` when a whole number of days, else `36h`: the form ``init(text:)`` reads.
    public var description: String {
        seconds % 86_400 == 0 ? "\(seconds / 86_400)d" : "\(seconds / 3_600)h"
    }
}
