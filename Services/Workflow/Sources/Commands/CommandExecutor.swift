import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage
import WorkflowCore

/// Carries out one workflow command in the caller's transaction: lock the lead, let the state
/// machine decide, store the new state and the transition, and turn the side effects into
/// outbox events (`lead.state-changed.v1`, `referral.created.v1`, `adis.stop-updates.v1`), all
/// or nothing. Used by the HTTP API (people) and by the consumers (case management, reopening).
struct CommandExecutor: Sendable {
    /// Writes one event to the outbox: (type, data, exchange, subject, id).
    typealias Emit = (_ type: String, _ data: [UInt8], _ exchange: String, _ subject: String, _ id: String) throws -> Void

    let records: LeadRecords
    let jurisdictions: JurisdictionTable

    enum Failure: Error {
        case notFound
        case rejected(WorkflowError)
    }

    /// - Parameter expectedVersion: the version the caller saw (If-Match); nil for machine commands.
    func execute(
        _ command: WorkflowCommand, on leadID: String, by requester: Requester, expectedVersion: Int?, reason: String?,
        at time: Date = Date(), db: PGConnection, emit: Emit
    ) throws -> (record: LeadRecord, transition: Transition) {
        guard var record = try records.find(leadID, lock: true, on: db) else { throw Failure.notFound }
        let request = CommandRequest(
            command, by: requester, expectedVersion: expectedVersion ?? record.workflow.version, at: time, reason: reason)
        let outcome: WorkflowOutcome
        do {
            outcome = try LeadStateMachine.apply(request, to: record.workflow)
        } catch {
            throw Failure.rejected(error)
        }
        let reopened: [String]? = if case .reopen(let changed) = command { changed } else { nil }
        try records.save(outcome.lead, transition: outcome.transition, reopened: reopened, on: db)
        record.workflow = outcome.lead
        try emitStateChange(outcome.transition, lead: outcome.lead, emit: emit)
        for effect in outcome.effects {
            try carryOut(effect, record: record, by: requester.id, at: time, db: db, emit: emit)
        }
        return (record, outcome.transition)
    }

    /// The first event of a lead's life: it entered the queue.
    func emitIntake(leadID: String, subjectID: String, at time: Date, emit: Emit) throws {
        let changed = LeadStateChanged(
            leadID: leadID, subjectID: subjectID, from: nil, to: LeadState.queued.rawValue, command: "intake",
            actor: "workflow", role: "service", at: time, version: 1)
        try emit(
            EventType.leadStateChanged, Array(try ContractCoding.encoder().encode(changed)), Exchange.events, leadID,
            EventID.derive(from: leadID, type: EventType.leadStateChanged, discriminator: "1"))
    }

    private func emitStateChange(_ transition: Transition, lead: LeadWorkflow, emit: Emit) throws {
        var disposition: String?
        if let value = transition.disposition {
            switch value {
            case .viableRefer: disposition = "viableRefer"
            case .viableHold: disposition = "viableHold"
            case .nonViableClose: disposition = "nonViableClose"
            case .nonViablePending: disposition = "nonViablePending"
            }
        }
        let changed = LeadStateChanged(
            leadID: lead.leadID, subjectID: lead.subjectID, from: transition.from.rawValue, to: transition.to.rawValue,
            command: transition.command.rawValue, actor: transition.actor, role: transition.role.rawValue, at: transition.at,
            reason: transition.reason, disposition: disposition, closureReason: transition.closureReason?.rawValue,
            changed: transition.changed, assignee: transition.assignee, version: transition.version)
        try emit(
            EventType.leadStateChanged, Array(try ContractCoding.encoder().encode(changed)), Exchange.events, lead.leadID,
            EventID.derive(from: lead.leadID, type: EventType.leadStateChanged, discriminator: "\(transition.version)"))
    }

    private func carryOut(
        _ effect: SideEffect, record: LeadRecord, by actor: String, at time: Date, db: PGConnection, emit: Emit
    ) throws {
        let schema = quoteIdentifier(records.schema)
        switch effect {
        case .emitReferral(let leadID, let subjectID):
            let lead = record.canonicalLead
            let address = (lead?.person?.addresses ?? lead?.organisation?.addresses ?? []).first { $0.country.rawValue == "USA" }
            let match = jurisdictions.office(state: address?.state, zip: address?.zip5)
            let referralID = EventID.derive(from: leadID, type: EventType.referralCreated)
            let inserted = try db.execute(
                "INSERT INTO \(schema).referrals (referral_id, lead_id, office_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                [PGValue(referralID), PGValue(leadID), PGValue(match.office.id)]
            ).affectedRows
            guard inserted == 1 else { return }
            let findings = try db.execute(
                "SELECT finding::text FROM \(schema).notes WHERE lead_id = $1 AND kind = 'finding' ORDER BY created_at",
                [PGValue(leadID)]
            ).rows.map { try ContractCoding.decoder().decode(Finding.self, from: Data(try $0.decode(String.self, at: 0).utf8)) }
            let subject = record.subject.flatMap {
                try? ContractCoding.decoder().decode(SubjectSummary.self, from: JSONEncoder().encode($0))
            }
            let referral = ReferralCreated(
                referralID: referralID, leadID: leadID, subjectID: subjectID,
                office: .init(id: match.office.id, name: match.office.name), officeMatch: match.level.rawValue,
                tier: record.tier?.rawValue, points: record.points, priority: record.priority, subject: subject, lead: lead,
                findings: findings, referredBy: actor, referredAt: time)
            try emit(EventType.referralCreated, Array(try ContractCoding.encoder().encode(referral)), Exchange.outbound, leadID, referralID)
        case .emitStopUpdates(let subjectID, let reason):
            let inserted = try db.execute(
                "INSERT INTO \(schema).stop_updates (subject_id, reason) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                [PGValue(subjectID), PGValue(reason.rawValue)]
            ).affectedRows
            guard inserted == 1 else { return }  // once per subject
            let stop = StopUpdates(
                subjectID: subjectID, identifiers: record.canonicalLead?.person?.identifiers ?? [], reason: reason.rawValue, at: time)
            try emit(
                EventType.adisStopUpdates, Array(try ContractCoding.encoder().encode(stop)), Exchange.outbound, subjectID,
                EventID.derive(from: subjectID, type: EventType.adisStopUpdates))
        case .requestProviderDeletion, .startSLAClock, .stopSLAClock:
            // Deletion requests go to the provider gateway once it exists; SLA clocks are computed
            // from `state_entered_at` when read.
            break
        }
    }
}
