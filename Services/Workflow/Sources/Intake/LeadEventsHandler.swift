import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import WorkflowCore

/// Builds the workflow's read model from other services' events, on `workflow.leads`:
/// - `lead.matched.v1`: the lead and its subject summary; the first one puts the lead in the
///   queue (`lead.state-changed.v1`, command `intake`); a newer revision of a pending or held
///   lead reopens it, flagged `lead`.
/// - `lead.prioritized.v1`: tier, points and explanation (may arrive before the match).
/// - `arrival-departure.received.v1`: kept with every lead sharing an identifier; pending and
///   held ones reopen, flagged `departure`, `arrival` and/or `status`.
/// - `enrichment.completed.v1`: provider items, kept unconfirmed for the analyst to decide.
/// - `subject.merged.v1` / `subject.split.v1`: leads re-pointed to the subject that now holds them.
struct LeadEventsHandler: MessageHandler {
    let records: LeadRecords
    let executor: CommandExecutor

    static let system = Requester(id: "workflow", roles: [.service])

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
        let decoder = ContractCoding.decoder()
        let emit: CommandExecutor.Emit = { type, data, exchange, subject, id in
            context.emit(type: type, data: data, exchange: exchange, subject: subject, discriminator: id, causedBy: event)
        }
        do {
            switch event.type {
            case EventType.leadMatched:
                let matched = try decoder.decode(LeadMatched.self, from: Data(event.data))
                let encoder = ContractCoding.encoder()
                let (first, previous) = try records.recordMatched(
                    leadID: matched.leadID, subjectID: matched.subjectID, revision: matched.revision,
                    category: matched.lead.category.rawValue, source: matched.lead.provenance.system,
                    lead: try encoder.encode(matched.lead), subject: try encoder.encode(matched.subject),
                    identifiers: LeadRecords.identifierKeys(matched.lead.person?.identifiers ?? []), on: context.database)
                if first {
                    try executor.emitIntake(leadID: matched.leadID, subjectID: matched.subjectID, at: event.time, emit: emit)
                } else if let previous, previous < matched.revision,
                    let record = try records.find(matched.leadID, on: context.database),
                    [.pending, .held].contains(record.workflow.state)
                {
                    _ = try executor.execute(
                        .reopen(changed: ["lead"]), on: matched.leadID, by: Self.system, expectedVersion: nil,
                        reason: "a new revision of the lead arrived", at: event.time, db: context.database, emit: emit)
                }
            case EventType.leadPrioritized:
                let prioritized = try decoder.decode(LeadPrioritized.self, from: Data(event.data))
                guard let tier = PriorityTier(label: prioritized.priority) else {
                    throw MessageRejection(code: "contract.undecodable", message: "lead.prioritized.v1 with an unknown priority")
                }
                _ = try records.recordPriority(
                    leadID: prioritized.leadID, tier: tier, points: prioritized.points, priority: Data(event.data),
                    on: context.database)
            case EventType.arrivalDepartureReceived:
                let received = try decoder.decode(ArrivalDepartureReceived.self, from: Data(event.data))
                let update = received.update
                var changed: [String] = []
                if update.events.contains(where: { $0.direction == .departure }) { changed.append("departure") }
                if update.events.contains(where: { $0.direction != .departure }) { changed.append("arrival") }
                if !update.statusChanges.isEmpty { changed.append("status") }
                let reopen = try records.recordTravelUpdate(
                    identifiers: LeadRecords.identifierKeys(update.identifiers), update: Data(event.data), on: context.database)
                for leadID in reopen {
                    _ = try executor.execute(
                        .reopen(changed: changed), on: leadID, by: Self.system, expectedVersion: nil,
                        reason: "an arrival/departure update arrived", at: event.time, db: context.database, emit: emit)
                }
            case EventType.enrichmentCompleted:
                let completion = try decoder.decode(EnrichmentCompleted.self, from: Data(event.data))
                try Enrichments(schema: records.schema).recordCompletion(completion, on: context.database)
            case EventType.subjectMerged:
                let merged = try decoder.decode(SubjectMerged.self, from: Data(event.data))
                _ = try records.repoint(subject: merged.mergedSubjectID, to: merged.subjectID, on: context.database)
            case EventType.subjectSplit:
                let split = try decoder.decode(SubjectSplit.self, from: Data(event.data))
                _ = try records.repoint(
                    subject: split.subjectID, to: split.newSubjectID, leads: split.movedLeadIDs, on: context.database)
            default:
                throw MessageRejection(code: "contract.unknown-type", message: "workflow does not take this event type")
            }
        } catch is DecodingError {
            throw MessageRejection(code: "contract.undecodable", message: "the body is not a \(event.type) document")
        } catch CommandExecutor.Failure.rejected(let error) {
            context.logger.info("reopen refused", metadata: ["workflow.error": "\(error.code)"])
        }
    }
}

/// `case.closed.v1` from case management (on `leadtrac.inbound`, queue `workflow.case-management`):
/// closes the referred lead; the closure sends the stop-updates indicator once per subject.
struct CaseClosedHandler: MessageHandler {
    let executor: CommandExecutor

    static let caseManagement = Requester(id: "case-management", roles: [.service])

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
        guard event.type == EventType.caseClosed else {
            throw MessageRejection(code: "contract.unknown-type", message: "workflow takes case.closed.v1 here")
        }
        let notice: CaseClosed
        do {
            notice = try ContractCoding.decoder().decode(CaseClosed.self, from: Data(event.data))
        } catch {
            throw MessageRejection(code: "contract.undecodable", message: "the body is not a case.closed.v1 document")
        }
        do {
            _ = try executor.execute(
                .caseClosed, on: notice.leadID, by: Self.caseManagement, expectedVersion: nil, reason: notice.outcome,
                at: event.time, db: context.database
            ) { type, data, exchange, subject, id in
                context.emit(type: type, data: data, exchange: exchange, subject: subject, discriminator: id, causedBy: event)
            }
        } catch CommandExecutor.Failure.notFound {
            throw MessageRejection(code: "case.unknown-lead", message: "no lead with this id")
        } catch CommandExecutor.Failure.rejected {
            throw MessageRejection(code: "case.refused", message: "the lead cannot be closed by case management now")
        }
    }
}
