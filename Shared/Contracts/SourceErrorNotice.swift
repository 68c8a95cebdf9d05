import Foundation

/// `source.error-notice.v1` on `leadtrac.outbound`: a source system is told that some of its
/// records were resolved wrongly, because a reviewer merged or split subjects.
///
/// - `duplicateSubject` (a merge): the records described one individual, but did not agree
///   closely enough to be linked, so the matcher held two subjects; they are now one.
/// - `conflatedSubject` (a split): the records were attached to a subject that is really two
///   individuals; they now belong to a subject of their own.
///
/// One notice per source system (CloudEvents `subject` = the system), naming only that system's
/// records: a source is never told about another's records. Ids only, no personal values.
public struct SourceErrorNotice: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case duplicateSubject
        case conflatedSubject
    }

    /// One record of the source system, and the lead LeadTrac made of it.
    public struct Record: Sendable, Codable, Hashable {
        /// Nil only for a lead that came without a record id of its source.
        public var sourceRecordID: String?
        public var leadID: String

        public init(sourceRecordID: String?, leadID: String) {
            self.sourceRecordID = sourceRecordID
            self.leadID = leadID
        }
    }

    public var kind: Kind
    /// The source system the notice is for (`provenance.system` of its leads).
    public var sourceSystem: String
    /// The system's records whose leads were re-pointed.
    public var records: [Record]
    /// Where the records' leads now point (the surviving subject of a merge, the new one of a split).
    public var subjectID: String
    /// The other subject of the decision (the merged-away subject, or the one split from).
    public var relatedSubjectID: String
    /// The reviewer's account id and reason.
    public var decidedBy: String
    public var reason: String?
    public var decidedAt: Date

    public init(
        kind: Kind, sourceSystem: String, records: [Record], subjectID: String, relatedSubjectID: String,
        decidedBy: String, reason: String?, decidedAt: Date
    ) {
        self.kind = kind
        self.sourceSystem = sourceSystem
        self.records = records
        self.subjectID = subjectID
        self.relatedSubjectID = relatedSubjectID
        self.decidedBy = decidedBy
        self.reason = reason
        self.decidedAt = decidedAt
    }
}
