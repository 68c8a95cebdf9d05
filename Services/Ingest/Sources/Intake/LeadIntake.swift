import Crypto
import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage

/// Accepting one lead record, whichever way it came in (a feed message or the HTTP API):
/// normalise, store once per source record, and say what to announce.
struct LeadIntake: Sendable {
    enum Acceptance {
        /// The record cannot be accepted: every problem, each with its code and field path.
        case invalid([FieldProblem])
        /// A re-send with the same content (or older than what is stored): nothing to announce.
        case unchanged(leadID: String)
        /// Stored: announce `lead.received.v1` with `data`.
        case stored(leadID: String, revision: Int, change: LeadReceived.Change, data: [UInt8])
    }

    let store: LeadStore
    let normaliser = LeadNormaliser()

    /// The encoded lead without its receipt time, which the lead's provenance and every
    /// attribute's carry: what was received, not when. A record sent again unchanged (a file
    /// uploaded twice, a feed re-send) hashes the same and is `unchanged`.
    ///
    /// The time is cut where it appears as a member (`"receivedAt":"…"`); inside a string value
    /// the quotes would be escaped, so no text a source sent can look like it.
    static func content(of canonical: Data, receivedAt: Date) throws -> [UInt8] {
        let member = Array(try encoder.encode(["receivedAt": receivedAt]).dropFirst().dropLast())  // without { }
        let bytes = Array(canonical)
        var content: [UInt8] = []
        content.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == member[0], bytes.count - index >= member.count, bytes[index..<index + member.count].elementsEqual(member) {
                index += member.count
            } else {
                content.append(bytes[index])
                index += 1
            }
        }
        return content
    }

    /// The lead id of a source record: stable, derived from the source system and the record id.
    static func leadID(system: String, sourceRecordID: String) -> String {
        EventID.derive(from: system, type: "lead", discriminator: sourceRecordID)
    }

    /// - Parameter provenance: must carry the source record id (callers refuse records without one).
    func accept(
        _ raw: RawLead, provenance: Provenance, eventType: String, rawBody: [UInt8], messageID: String,
        on connection: PGConnection
    ) throws -> Acceptance {
        let lead: CanonicalLead
        switch normaliser.normalise(raw, provenance: provenance) {
        case .failure(let failure): return .invalid(failure.errors)
        case .success(let accepted): lead = accepted
        }
        let canonical = try Self.encoder.encode(lead)
        let contentHash = SHA256.hash(data: try Self.content(of: canonical, receivedAt: lead.provenance.receivedAt))
            .map { String(format: "%02x", $0) }.joined()
        let recordID = provenance.sourceRecordID ?? ""
        let leadID = Self.leadID(system: provenance.system, sourceRecordID: recordID)
        let outcome = try store.save(
            LeadStore.Record(
                leadID: leadID, sourceSystem: provenance.system, sourceRecordID: recordID,
                eventType: eventType, canonicalJSON: String(decoding: canonical, as: UTF8.self),
                contentHash: contentHash,
                rawBody: rawBody, messageID: messageID, receivedAt: provenance.receivedAt),
            on: connection)
        guard case .stored(let revision, let change) = outcome else { return .unchanged(leadID: leadID) }
        return .stored(
            leadID: leadID, revision: revision, change: change,
            data: try LeadReceived.encode(leadID: leadID, revision: revision, change: change, canonicalLead: canonical))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
