import Foundation

/// A weekly arrival/departure update about a person the arrival/departure system reported
/// before, as received (`adis.arrival-departure-update.v1`): every field an optional string, so
/// each problem is reported by field.
public struct RawTravelUpdate: Sendable, Codable, Hashable {
    /// The upstream system's id of the person (its key for the subject).
    public var upstreamPersonId: String?
    public var identifiers: [RawIdentifier]?
    /// New departures and arrivals.
    public var events: [RawTravelEvent]?
    public var statusChanges: [RawStatusChange]?
    /// `dmy`, `mdy` or `ymd`, for ambiguous numeric dates.
    public var dateOrder: String?

    public init(
        upstreamPersonId: String? = nil, identifiers: [RawIdentifier]? = nil, events: [RawTravelEvent]? = nil,
        statusChanges: [RawStatusChange]? = nil, dateOrder: String? = nil
    ) {
        self.upstreamPersonId = upstreamPersonId
        self.identifiers = identifiers
        self.events = events
        self.statusChanges = statusChanges
        self.dateOrder = dateOrder
    }
}

public struct RawStatusChange: Sendable, Codable, Hashable {
    public var status: String?
    public var effectiveOn: String?

    public init(status: String? = nil, effectiveOn: String? = nil) {
        self.status = status
        self.effectiveOn = effectiveOn
    }
}

/// What an immigration status became.
public enum StatusChangeKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Adjusted to lawful permanent residence.
    case adjusted
    /// Stay extended (a new admitted-until date follows in a travel record).
    case extended
    /// Changed to another class of admission.
    case changed
    /// Status terminated.
    case terminated
    case naturalised
    case deceased
    case removed

    /// Reads the raw value in any case, kebab or snake case; `naturalized` too.
    public init?(label: String) {
        let key = Text.labelKey(label)
        if key == "naturalized" {
            self = .naturalised
            return
        }
        guard let kind = Self.allCases.first(where: { Text.lowercased($0.rawValue) == key }) else { return nil }
        self = kind
    }
}

public struct StatusChange: Sendable, Codable, Hashable {
    public var status: StatusChangeKind
    public var effectiveOn: PartialDate
    public var provenance: Provenance
}

/// A validated arrival/departure update, announced as `arrival-departure.received.v1`; the
/// matcher resolves it to a subject by the person id and identifiers.
public struct TravelUpdate: Sendable, Codable, Hashable {
    public var upstreamPersonID: String
    public var identifiers: [Identifier]
    public var events: [TravelEvent]
    public var statusChanges: [StatusChange]
    public var provenance: Provenance
    public var warnings: [FieldProblem]
}

extension LeadNormaliser {
    /// Validates and normalises one arrival/departure update, with the lead rules for
    /// identifiers, travel events and dates.
    public func normalise(_ raw: RawTravelUpdate, provenance: Provenance) -> Result<TravelUpdate, ValidationFailure> {
        var steps = Steps(
            context: NormalisationContext(
                provenance: provenance, dateOrder: defaultDateOrder, maximumAgeYears: maximumAgeYears),
            nameOrder: defaultNameOrder, addressCountry: defaultAddressCountry)
        let update = steps.travelUpdate(raw)
        let context = steps.context
        guard let update, context.errors.isEmpty else {
            return .failure(ValidationFailure(provenance: provenance, errors: context.errors, warnings: context.warnings))
        }
        return .success(update)
    }
}

extension LeadNormaliser.Steps {
    mutating func travelUpdate(_ raw: RawTravelUpdate) -> TravelUpdate? {
        if let hint = context.text(raw.dateOrder, at: "dateOrder", limit: FieldLimits.short) {
            if let order = DateOrder(hint: hint) {
                context.dateOrder = order
            } else {
                context.report(.hintUnknown, at: "dateOrder")
            }
        }
        let personID = context.requiredText(raw.upstreamPersonId, at: "upstreamPersonId", missing: .updatePersonIDMissing)
        let identifiers = identifiers(raw.identifiers ?? [], at: "identifiers")
        let events = travel(raw.events ?? [], at: "events")
        var changes: [StatusChange] = []
        for (index, change) in (raw.statusChanges ?? []).enumerated() {
            let path = ElementPath(base: "statusChanges", index: index)
            var kind: StatusChangeKind?
            if let label = context.requiredText(change.status, at: path("status"), missing: .statusUnknown) {
                kind = StatusChangeKind(label: label)
                if kind == nil { context.report(.statusUnknown, at: path("status")) }
            }
            var date: PartialDate?
            if let text = context.requiredText(change.effectiveOn, at: path("effectiveOn"), missing: .dateMissing) {
                date = context.parseDate(text, at: path("effectiveOn")).flatMap { context.checkPast($0, at: path("effectiveOn")) }
            }
            if let kind, let date {
                changes.append(StatusChange(status: kind, effectiveOn: date, provenance: context.provenance))
            }
        }
        if (raw.events ?? []).isEmpty && (raw.statusChanges ?? []).isEmpty {
            context.report(.updateEmpty, at: "events")
        }
        guard let personID else { return nil }
        return TravelUpdate(
            upstreamPersonID: personID, identifiers: identifiers, events: events, statusChanges: changes,
            provenance: context.provenance, warnings: context.warnings)
    }
}
