import Foundation

/// Which weekly extracts are due: each week is extracted once, after it has ended.
///
/// A week's extract holds the below-threshold leads of [`start`, `end`), so it can only be
/// complete once the week is over. The job runs on any schedule (hourly, at start-up) and
/// asks this which weeks to extract; a week whose key is already recorded is never due again.
public enum WeeklyExtractSchedule {
    /// The last week that has fully ended at `now`.
    public static func lastCompletedWeek(at now: Date) -> ExtractWeek {
        ExtractWeek(containing: now).previous
    }

    /// The weeks to extract now, oldest first: every completed week after `lastExtracted` up
    /// to the last completed one, so that weeks missed while the job was down are made up;
    /// only the last completed week when nothing was extracted yet. Empty when up to date.
    public static func weeksDue(at now: Date, lastExtracted: ExtractWeek?) -> [ExtractWeek] {
        let last = lastCompletedWeek(at: now)
        guard var week = lastExtracted?.next else { return [last] }
        var due: [ExtractWeek] = []
        while week <= last {
            due.append(week)
            week = week.next
        }
        return due
    }
}
