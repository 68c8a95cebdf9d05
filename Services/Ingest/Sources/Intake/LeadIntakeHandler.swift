import Crypto
import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime

/// Handles every upstream lead contract on `leadtrac.inbound`: decode, normalise, store (one lead
/// per source record), emit `lead.received.v1`; or store the rejection with every problem and
/// dead-letter the message with a machine-readable reason. Nothing is dropped silently.
///
/// Reasons: `contract.unknown-type` (a type or version ingest does not know),
/// `contract.undecodable` (the body is not a JSON object of the contract's shape),
/// `lead.missing-source-record-id`, `lead.invalid` (normalisation problems; each with its code
/// and field path in the stored rejection), `update.invalid` (the same for arrival/departure updates).
struct LeadIntakeHandler: MessageHandler {
    let intake: LeadIntake
    let travelUpdates: TravelUpdateIntake

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
        if event.type == InboundTravelUpdate.type { return try handleTravelUpdate(event, context: context) }
        guard let type = InboundLeadType(rawValue: event.type) else {
            return try reject(event, nil, "contract.unknown-type", [], "ingest does not know this event type", context)
        }
        let raw: RawLead
        let identity: InboundRecordIdentity
        do {
            let record = try JSONDecoder().decode(InboundLeadRecord.self, from: Data(event.data))
            (raw, identity) = (record.lead, record.identity)
        } catch {
            return try reject(event, nil, "contract.undecodable", [], "the body is not a lead record", context)
        }
        guard let recordID = identity.sourceRecordId?.trimmingCharacters(in: .whitespaces), !recordID.isEmpty else {
            return try reject(event, nil, "lead.missing-source-record-id", [], "sourceRecordId is required", context)
        }
        // The event's own time is the reception time of record, so handling it again is deterministic.
        let provenance = Provenance(
            system: event.source, sourceKind: type.sourceKind, sourceRecordID: recordID, receivedAt: event.time,
            programme: identity.programme, extract: identity.extract)

        if let repaired = context.delivery.properties.headers[Ingest.resubmitsHeader]?.stringValue {
            try intake.store.markResubmitted(repaired, on: context.database)
        }
        switch try intake.accept(
            raw, provenance: provenance, eventType: event.type, rawBody: event.data, messageID: event.id,
            on: context.database)
        {
        case .invalid(let problems):
            let codes = Set(problems.map(\.code.rawValue)).sorted().joined(separator: ", ")
            try reject(event, recordID, "lead.invalid", problems, "\(problems.count) problem(s): \(codes)", context)
        case .unchanged(let leadID):
            context.logger.info("unchanged re-send", metadata: ["lead.id": "\(leadID)"])
        case .stored(let leadID, let revision, let change, let data):
            context.emit(
                type: EventType.leadReceived, data: data, subject: leadID, discriminator: "\(leadID)#\(revision)",
                causedBy: event)
            _ = change
        }
    }

    /// `adis.arrival-departure-update.v1`: same reasons as leads, `update.invalid` for field problems.
    private func handleTravelUpdate(_ event: CloudEvent, context: HandlerContext) throws {
        let record: InboundTravelUpdateRecord
        do {
            record = try JSONDecoder().decode(InboundTravelUpdateRecord.self, from: Data(event.data))
        } catch {
            return try reject(event, nil, "contract.undecodable", [], "the body is not an arrival/departure update", context)
        }
        guard let recordID = record.sourceRecordId?.trimmingCharacters(in: .whitespaces), !recordID.isEmpty else {
            return try reject(event, nil, "lead.missing-source-record-id", [], "sourceRecordId is required", context)
        }
        let provenance = Provenance(
            system: event.source, sourceKind: .upstreamSystem, sourceRecordID: recordID, receivedAt: event.time)
        switch try travelUpdates.accept(
            record.update, provenance: provenance, rawBody: event.data, messageID: event.id, on: context.database)
        {
        case .invalid(let problems):
            let codes = Set(problems.map(\.code.rawValue)).sorted().joined(separator: ", ")
            try reject(event, recordID, "update.invalid", problems, "\(problems.count) problem(s): \(codes)", context)
        case .duplicate(let updateID):
            context.logger.info("repeated update", metadata: ["update.id": "\(updateID)"])
        case .stored(let updateID, let data):
            context.emit(
                type: EventType.arrivalDepartureReceived, data: data, subject: updateID, discriminator: updateID,
                causedBy: event)
        }
    }

    private func reject(
        _ event: CloudEvent, _ recordID: String?, _ reason: String, _ problems: [FieldProblem], _ message: String,
        _ context: HandlerContext
    ) throws {
        try intake.store.reject(event: event, sourceRecordID: recordID, reason: reason, problems: problems, on: context.database)
        context.deadLetter(MessageRejection(code: reason, message: message))
    }
}
