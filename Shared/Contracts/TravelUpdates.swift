import Foundation
import LeadTracDomain

/// The arrival/departure system's weekly update contract on `leadtrac.inbound`
/// (`adis.arrival-departure-update.v1`): one update about a person it reported before, keyed
/// by its person id and the person's identifiers (docs/asyncapi.yaml).
public enum InboundTravelUpdate {
    public static let type = "adis.arrival-departure-update.v1"
}

/// The data of an inbound update: the source's record id beside the update's own fields
/// (`{"sourceRecordId": "…", "upstreamPersonId": "…", "events": [...], "statusChanges": [...]}`).
public struct InboundTravelUpdateRecord: Sendable, Codable, Hashable {
    public var sourceRecordId: String?
    public var update: RawTravelUpdate

    public init(sourceRecordId: String?, update: RawTravelUpdate) {
        self.sourceRecordId = sourceRecordId
        self.update = update
    }

    private enum CodingKeys: String, CodingKey { case sourceRecordId }

    public init(from decoder: any Decoder) throws {
        sourceRecordId = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .sourceRecordId)
        update = try RawTravelUpdate(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try update.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sourceRecordId, forKey: .sourceRecordId)
    }
}

/// `arrival-departure.received.v1` on `leadtrac.events`: a validated update, for the matcher to
/// resolve to its subject (and from there to the prioritizer and workflow).
public struct ArrivalDepartureReceived: Sendable, Codable, Hashable {
    /// Stable for a source record: derived from the source system and the source record id.
    public var updateID: String
    public var update: TravelUpdate

    public init(updateID: String, update: TravelUpdate) {
        self.updateID = updateID
        self.update = update
    }
}
