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
/// and field path in the stored rejection).
struct LeadIntakeHandler: MessageHandler {
    let store: LeadStore
    let normaliser = LeadNormaliser()

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
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

        switch normaliser.normalise(raw, provenance: provenance) {
        case .failure(let failure):
            let codes = Set(failure.errors.map(\.code.rawValue)).sorted().joined(separator: ", ")
            try reject(event, recordID, "lead.invalid", failure.errors, "\(failure.errors.count) problem(s): \(codes)", context)
        case .success(let lead):
            if let repaired = context.delivery.properties.headers[Ingest.resubmitsHeader]?.stringValue {
                try store.markResubmitted(repaired, on: context.database)
            }
            let canonical = try Self.encoder.encode(lead)
            let leadID = EventID.derive(from: event.source, type: "lead", discriminator: recordID)
            let outcome = try store.save(
                LeadStore.Record(
                    leadID: leadID, sourceSystem: event.source, sourceRecordID: recordID, eventType: event.type,
                    canonicalJSON: String(decoding: canonical, as: UTF8.self),
                    contentHash: SHA256.hash(data: canonical).map { String(format: "%02x", $0) }.joined(),
                    rawBody: event.data, messageID: event.id, receivedAt: event.time),
                on: context.database)
            guard case .stored(let revision, let change) = outcome else {
                context.logger.info("unchanged re-send", metadata: ["lead.id": "\(leadID)"])
                return
            }
            context.emit(
                type: EventType.leadReceived,
                data: try LeadReceived.encode(leadID: leadID, revision: revision, change: change, canonicalLead: canonical),
                subject: leadID, discriminator: "\(leadID)#\(revision)", causedBy: event)
        }
    }

    private func reject(
        _ event: CloudEvent, _ recordID: String?, _ reason: String, _ problems: [FieldProblem], _ message: String,
        _ context: HandlerContext
    ) throws {
        try store.reject(event: event, sourceRecordID: recordID, reason: reason, problems: problems, on: context.database)
        context.deadLetter(MessageRejection(code: reason, message: message))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
