import Foundation
import IngestService
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage
import Logging

/// Ingest's stored rejections, for operators: list, show, and resubmit a corrected record.
///
/// Reads `ingest.rejections` as the admin role (a member of `leadtrac_ingest`). A resubmission is
/// published to `leadtrac.inbound` like any upstream record, with the original type and source
/// and the header `x-leadtrac-resubmits: <rejection id>`; when ingest accepts it, it marks the
/// rejection `resubmitted` in the same transaction. Nothing here prints a personal value unless
/// asked (`--body`).
struct Rejections {
    typealias Summary = RejectionSummary

    let database: PGConnection
    let schema: String

    func list(status: String?, limit: Int) throws -> [Summary] {
        try RejectionQueries(schema: schema).list(status: status, limit: limit, on: database)
    }

    func show(_ id: String, includeBody: Bool) throws -> Summary? {
        try RejectionQueries(schema: schema).show(id, includeBody: includeBody, on: database)
    }

    /// Publishes `record` as a corrected version of rejection `id`; returns the event id.
    func resubmit(_ id: String, record: Data, broker: BrokerConfiguration) throws -> String {
        guard let rejection = try show(id, includeBody: false) else { throw RejectionError(message: "no rejection \(id)") }
        guard rejection.status == "open" else { throw RejectionError(message: "rejection \(id) is \(rejection.status)") }
        guard InboundLeadType(rawValue: rejection.eventType) != nil else {
            throw RejectionError(message: "rejection \(id) is of type \(rejection.eventType), which ingest does not take")
        }
        _ = try JSONDecoder().decode(InboundLeadRecord.self, from: record)  // refuse what is not a lead record
        let eventID = EventID.derive(
            from: id, type: "ingest.resubmission", discriminator: EventID.derive(from: String(decoding: record, as: UTF8.self), type: "body"))
        var message = CloudEvent(id: eventID, source: rejection.source, type: rejection.eventType, data: Array(record))
            .message(exchange: Exchange.inbound, routingKey: rejection.eventType, appID: "leadtrac-cli")
        message.properties.headers[Ingest.resubmitsHeader] = .string(id)
        let connection = try AMQPConnection(configuration: broker, name: "leadtrac resubmit", logger: Logger(label: "leadtrac.cli"))
        defer { connection.close() }
        try connection.enableConfirms()
        try connection.publish([message])
        return eventID
    }
}

struct RejectionError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
