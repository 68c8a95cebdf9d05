import Foundation
import LeadTracDomain

/// `lead.state-changed.v1` on `leadtrac.events`: one transition of a lead's workflow (who, when,
/// why), in the order of the lead's `version`.
public struct LeadStateChanged: Sendable, Codable, Hashable {
    public var leadID: String
    public var subjectID: String
    /// `queued`, `inWorkup`, `submitted`, `returned`, `referred`, `held`, `pending`, `closed`.
    public var from: String?
    public var to: String
    /// The command's name (`take`, `submit`, `approve`, …), or `intake` for a new lead.
    public var command: String
    public var actor: String
    public var role: String
    public var at: Date
    public var reason: String?
    /// `viableRefer`, `viableHold`, `nonViableClose`, `nonViablePending`.
    public var disposition: String?
    public var closureReason: String?
    /// What changed, for a reopened lead (field names, never values).
    public var changed: [String]?
    public var assignee: String?
    public var version: Int

    public init(
        leadID: String, subjectID: String, from: String?, to: String, command: String, actor: String, role: String, at: Date,
        reason: String? = nil, disposition: String? = nil, closureReason: String? = nil, changed: [String]? = nil,
        assignee: String? = nil, version: Int
    ) {
        self.leadID = leadID
        self.subjectID = subjectID
        self.from = from
        self.to = to
        self.command = command
        self.actor = actor
        self.role = role
        self.at = at
        self.reason = reason
        self.disposition = disposition
        self.closureReason = closureReason
        self.changed = changed
        self.assignee = assignee
        self.version = version
    }
}

/// A finding an analyst recorded during workup, with its provenance.
public struct Finding: Sendable, Codable, Hashable {
    /// `address`, `status`, `location`, or `other`.
    public var kind: String
    /// The finding itself, as structured fields (e.g. `line1`, `city`, `state`, `zip`, `from`, `to`).
    public var fields: [String: String]
    public var recordedBy: String
    public var recordedAt: Date
    /// Where the analyst found it (a system, a document, a provider result they accepted).
    public var source: String?

    public init(kind: String, fields: [String: String], recordedBy: String, recordedAt: Date, source: String? = nil) {
        self.kind = kind
        self.fields = fields
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.source = source
    }
}

/// `referral.created.v1` on `leadtrac.outbound`: a viable lead referred to case management.
public struct ReferralCreated: Sendable, Codable, Hashable {
    public struct Office: Sendable, Codable, Hashable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Stable: derived from the lead id (one referral per lead).
    public var referralID: String
    public var leadID: String
    public var subjectID: String
    public var office: Office
    /// How the office was chosen: `zip5`, `zip3`, `state` or `default`.
    public var officeMatch: String
    public var tier: String?
    public var points: Int?
    /// The priority's explanation as the prioritizer stated it.
    public var priority: JSONValue?
    public var subject: SubjectSummary?
    public var lead: CanonicalLead?
    public var findings: [Finding]
    public var referredBy: String
    public var referredAt: Date

    public init(
        referralID: String, leadID: String, subjectID: String, office: Office, officeMatch: String, tier: String?,
        points: Int?, priority: JSONValue?, subject: SubjectSummary?, lead: CanonicalLead?, findings: [Finding],
        referredBy: String, referredAt: Date
    ) {
        self.referralID = referralID
        self.leadID = leadID
        self.subjectID = subjectID
        self.office = office
        self.officeMatch = officeMatch
        self.tier = tier
        self.points = points
        self.priority = priority
        self.subject = subject
        self.lead = lead
        self.findings = findings
        self.referredBy = referredBy
        self.referredAt = referredAt
    }
}

/// `case.closed.v1`, published by case management on `leadtrac.inbound`: the referred case is
/// closed. The workflow service consumes it directly (not through ingest).
public struct CaseClosed: Sendable, Codable, Hashable {
    public var referralID: String?
    public var leadID: String
    public var caseID: String?
    public var closedAt: Date?
    /// Case management's own outcome code, kept as given.
    public var outcome: String?

    public init(referralID: String?, leadID: String, caseID: String?, closedAt: Date?, outcome: String?) {
        self.referralID = referralID
        self.leadID = leadID
        self.caseID = caseID
        self.closedAt = closedAt
        self.outcome = outcome
    }
}

/// `adis.stop-updates.v1` on `leadtrac.outbound`: the arrival/departure system may stop sending
/// updates about this subject (its lead was finally closed, or the person died or was removed).
/// Sent once per subject.
public struct StopUpdates: Sendable, Codable, Hashable {
    public var subjectID: String
    /// The identifiers the arrival/departure system knows the person by (type and value).
    public var identifiers: [Identifier]
    public var reason: String
    public var at: Date

    public init(subjectID: String, identifiers: [Identifier], reason: String, at: Date) {
        self.subjectID = subjectID
        self.identifiers = identifiers
        self.reason = reason
        self.at = at
    }
}

/// `ero.weekly-extract.v1` on `leadtrac.outbound`: the week's leads below the priority
/// threshold, for the other enforcement office (the CSV file holds the same rows).
public struct WeeklyExtract: Sendable, Codable, Hashable {
    public struct Row: Sendable, Codable, Hashable {
        public var leadID: String
        public var subjectID: String
        public var category: String?
        public var points: Int?
        public var source: String?
        public var queuedAt: Date

        public init(leadID: String, subjectID: String, category: String?, points: Int?, source: String?, queuedAt: Date) {
            self.leadID = leadID
            self.subjectID = subjectID
            self.category = category
            self.points = points
            self.source = source
            self.queuedAt = queuedAt
        }
    }

    /// ISO week, `2026-W47`.
    public var week: String
    public var rows: [Row]
    /// The CSV file's name in the extract directory.
    public var file: String

    public init(week: String, rows: [Row], file: String) {
        self.week = week
        self.rows = rows
        self.file = file
    }
}

/// Any JSON value, for parts of an event one service passes through from another unchanged
/// (the same type audit events use for their details).
public typealias JSONValue = AuditValue

/// `enrichment.requested.v1` on `leadtrac.events`: an analyst asks the provider gateway to look
/// a subject up at commercial data providers. Carries only what a lookup needs; the gateway
/// minimises further per provider and records each disclosure. Never sent for a protected subject.
public struct EnrichmentRequested: Sendable, Codable, Hashable {
    public var requestID: String
    public var leadID: String
    public var subjectID: String
    /// Why (the accounting of disclosures records it): e.g. `locate-current-address`.
    public var purpose: String
    /// What is asked for: `address`, `phone`, `employment`, `vehicle`, …
    public var wanted: [String]
    /// The identifying data for the lookup: name, date of birth, last known address.
    public var name: String?
    public var dateOfBirth: String?
    public var lastKnownAddress: [String: String]?
    public var requestedBy: String
    public var requestedAt: Date

    public init(
        requestID: String, leadID: String, subjectID: String, purpose: String, wanted: [String], name: String?,
        dateOfBirth: String?, lastKnownAddress: [String: String]?, requestedBy: String, requestedAt: Date
    ) {
        self.requestID = requestID
        self.leadID = leadID
        self.subjectID = subjectID
        self.purpose = purpose
        self.wanted = wanted
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.lastKnownAddress = lastKnownAddress
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
    }
}

/// `enrichment.completed.v1` on `leadtrac.events`: what providers returned for a request. Each
/// item is unconfirmed until an analyst accepts or rejects it.
public struct EnrichmentCompleted: Sendable, Codable, Hashable {
    public struct Item: Sendable, Codable, Hashable {
        public var itemID: String
        /// `address`, `phone`, `employment`, …
        public var kind: String
        public var fields: [String: String]
        public var provider: String
        public var observedAt: Date?

        public init(itemID: String, kind: String, fields: [String: String], provider: String, observedAt: Date?) {
            self.itemID = itemID
            self.kind = kind
            self.fields = fields
            self.provider = provider
            self.observedAt = observedAt
        }
    }

    public var requestID: String
    public var leadID: String
    public var items: [Item]
    public var completedAt: Date

    public init(requestID: String, leadID: String, items: [Item], completedAt: Date) {
        self.requestID = requestID
        self.leadID = leadID
        self.items = items
        self.completedAt = completedAt
    }
}
