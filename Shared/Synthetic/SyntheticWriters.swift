import Foundation
import LeadTracContracts
import LeadTracDomain

/// Renders labelled leads as JSON Lines (sorted keys, one lead per line) and labels as CSV.
public struct SyntheticLeadWriter {
    private let encoder: JSONEncoder

    public init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// One lead as a single JSON line (no trailing newline), label-free.
    public func jsonLine(_ lead: LabelledLead) -> String {
        // Encoding plain optional strings cannot fail.
        let record = InboundLeadRecord(identity: InboundRecordIdentity(sourceRecordId: lead.sourceRecordID), lead: lead.lead)
        let data = try! encoder.encode(record)
        return String(decoding: data, as: UTF8.self)
    }
}

extension SyntheticLeadStream {
    /// Writes every lead as one JSON line (each call to `sink` is one line, without newline).
    public func writeJSONLines(to sink: (String) -> Void) {
        let writer = SyntheticLeadWriter()
        for lead in self { sink(writer.jsonLine(lead)) }
    }

    /// Writes the labels as CSV: the header, then `sourceRecordId,personId,corruptions` per lead.
    public func writeLabels(to sink: (String) -> Void) {
        sink(LabelledLead.labelCSVHeader)
        for lead in self { sink(lead.labelCSVRow) }
    }

    /// Writes leads and labels in one pass (same content as the two separate writers).
    public func write(jsonLines: (String) -> Void, labels: (String) -> Void) {
        let writer = SyntheticLeadWriter()
        labels(LabelledLead.labelCSVHeader)
        for lead in self {
            jsonLines(writer.jsonLine(lead))
            labels(lead.labelCSVRow)
        }
    }
}
