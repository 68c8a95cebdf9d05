import Foundation
import LeadTracStorage
import WorkflowCore

/// A lead in a list: ids, state and priority, no personal data beyond the ids.
struct LeadSummary: Encodable, Sendable {
    var leadId: String
    var subjectId: String?
    var state: String
    var tier: String?
    var category: String?
    var assignee: String?
    var queuedAt: Date
    var stateEnteredAt: Date
    var overdue: Bool
}

/// Counts for supervisors and `leadtrac stats`. Only counts, averages and office/category/tier
/// names: no lead, subject or person appears in any statistic.
public struct WorkflowStatistics: Sendable {
    public struct QueueLine: Encodable, Equatable, Sendable {
        public var queue: String
        public var tier: String
        public var category: String
        public var leads: Int
        public var overdue: Int
        public var oldestQueuedAt: Date?
    }

    public struct Counts: Encodable, Sendable {
        public var bySource: [String: Int]
        public var byCategory: [String: Int]
        public var byState: [String: Int]
        public var byTier: [String: Int]
        /// Mean hours current leads have spent in their state, by state.
        public var hoursInState: [String: Double]
        /// Mean hours from intake to the review's disposition.
        public var hoursToDisposition: Double?
        public var referralsByOffice: [String: Int]
        /// Leads received per ISO week.
        public var receivedByWeek: [String: Int]
        public var queues: [QueueLine]
    }

    public let schema: String
    let sla = SLAPolicy.default

    public init(schema: String) {
        self.schema = schema
    }

    private var leads: String { "\(quoteIdentifier(schema)).leads" }

    public func queues(on db: PGConnection, now: Date = Date()) throws -> [QueueLine] {
        var lines: [QueueName: QueueLine] = [:]
        let rows = try db.execute(
            "SELECT tier, category, state_entered_at, queued_at FROM \(leads) WHERE state = 'queued' AND tier IS NOT NULL")
            .rows
        for row in rows {
            guard let tier = PriorityTier(rawValue: try row.decode(String.self, at: 0)) else { continue }
            let category = try row.decode(String?.self, at: 1) ?? "unknown"
            let entered = try row.decode(Date.self, at: 2)
            let queued = try row.decode(Date.self, at: 3)
            let name = QueueName(tier: tier, category: category)
            var line = lines[name] ?? QueueLine(queue: name.description, tier: tier.rawValue, category: category, leads: 0, overdue: 0)
            line.leads += 1
            if sla.clock(state: .queued, tier: tier, category: category, enteredAt: entered)?.isOverdue(now: now) == true {
                line.overdue += 1
            }
            line.oldestQueuedAt = min(line.oldestQueuedAt ?? queued, queued)
            lines[name] = line
        }
        return lines.keys.sorted().compactMap { lines[$0] }
    }

    func list(state: String?, assignee: String?, tier: String?, limit: Int, on db: PGConnection) throws -> [LeadSummary] {
        let now = Date()
        return try db.execute(
            """
            SELECT lead_id, subject_id, state, tier, category, assignee, queued_at, state_entered_at FROM \(leads)
            WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR assignee = $2) AND ($3::text IS NULL OR tier = $3)
            ORDER BY tier_rank NULLS LAST, queued_at, lead_id LIMIT $4
            """, [PGValue(state), PGValue(assignee), PGValue(tier), PGValue(limit)]
        ).rows.map { row in
            let state = try row.decode(String.self, at: 2)
            let tier = try row.decode(String?.self, at: 3)
            let category = try row.decode(String?.self, at: 4)
            let entered = try row.decode(Date.self, at: 7)
            let overdue = LeadState(rawValue: state).flatMap { state in
                tier.flatMap(PriorityTier.init(rawValue:)).flatMap {
                    sla.clock(state: state, tier: $0, category: category, enteredAt: entered)?.isOverdue(now: now)
                }
            } ?? false
            return LeadSummary(
                leadId: try row.decode(String.self, at: 0), subjectId: try row.decode(String?.self, at: 1), state: state,
                tier: tier, category: category, assignee: try row.decode(String?.self, at: 5),
                queuedAt: try row.decode(Date.self, at: 6), stateEnteredAt: entered, overdue: overdue)
        }
    }

    public func compute(on db: PGConnection) throws -> Counts {
        func counts(_ column: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try db.execute("SELECT coalesce(\(column), 'unknown'), count(*) FROM \(leads) GROUP BY 1").rows {
                result[try row.decode(String.self, at: 0)] = try row.decode(Int.self, at: 1)
            }
            return result
        }
        var hours: [String: Double] = [:]
        for row in try db.execute(
            "SELECT state, avg(extract(epoch FROM now() - state_entered_at)) / 3600 FROM \(leads) GROUP BY state"
        ).rows {
            hours[try row.decode(String.self, at: 0)] = try row.decode(Double.self, at: 1)
        }
        let disposition = try db.execute(
            "SELECT avg(extract(epoch FROM disposed_at - created_at)) / 3600 FROM \(leads) WHERE disposed_at IS NOT NULL"
        ).rows[0].decode(Double?.self, at: 0)
        var offices: [String: Int] = [:]
        for row in try db.execute(
            "SELECT office_id, count(*) FROM \(quoteIdentifier(schema)).referrals GROUP BY office_id"
        ).rows {
            offices[try row.decode(String.self, at: 0)] = try row.decode(Int.self, at: 1)
        }
        // ISO weeks counted by the database (the same keys as ExtractWeek: `2026-W47`), not by
        // reading every lead.
        var weeks: [String: Int] = [:]
        for row in try db.execute(
            "SELECT to_char(created_at AT TIME ZONE 'UTC', 'IYYY-\"W\"IW'), count(*) FROM \(leads) GROUP BY 1"
        ).rows {
            weeks[try row.decode(String.self, at: 0)] = try row.decode(Int.self, at: 1)
        }
        return Counts(
            bySource: try counts("source"), byCategory: try counts("category"), byState: try counts("state"),
            byTier: try counts("tier"), hoursInState: hours, hoursToDisposition: disposition, referralsByOffice: offices,
            receivedByWeek: weeks, queues: try queues(on: db))
    }
}
