import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage

/// Accepting one arrival/departure update: normalise it with the lead rules, store it once per
/// source record, and announce `arrival-departure.received.v1`.
struct TravelUpdateIntake: Sendable {
    enum Acceptance {
        case invalid([FieldProblem])
        /// Already received (a re-send): nothing to announce.
        case duplicate(updateID: String)
        case stored(updateID: String, data: [UInt8])
    }

    let schema: String
    let normaliser = LeadNormaliser()

    func accept(
        _ raw: RawTravelUpdate, provenance: Provenance, rawBody: [UInt8], messageID: String, on connection: PGConnection
    ) throws -> Acceptance {
        let update: TravelUpdate
        switch normaliser.normalise(raw, provenance: provenance) {
        case .failure(let failure): return .invalid(failure.errors)
        case .success(let accepted): update = accepted
        }
        let recordID = provenance.sourceRecordID ?? ""
        let updateID = EventID.derive(from: provenance.system, type: "travel-update", discriminator: recordID)
        let announcement = ArrivalDepartureReceived(updateID: updateID, update: update)
        let data = try LeadIntake.encoder.encode(announcement)
        let inserted = try connection.execute(
            """
            INSERT INTO \(quoteIdentifier(schema)).travel_updates
                (update_id, source_system, source_record_id, upstream_person_id, canonical, raw_body, message_id, received_at)
            VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6, $7, $8)
            ON CONFLICT (source_system, source_record_id) DO NOTHING
            """,
            [
                PGValue(updateID), PGValue(provenance.system), PGValue(recordID), PGValue(update.upstreamPersonID),
                PGValue(String(decoding: data, as: UTF8.self)), PGValue(rawBody), PGValue(messageID),
                PGValue(provenance.receivedAt),
            ]
        ).affectedRows
        return inserted == 0 ? .duplicate(updateID: updateID) : .stored(updateID: updateID, data: Array(data))
    }
}
