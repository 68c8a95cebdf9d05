/// A priority tier, reached by points (``minPoints`` or more) or by a rule's minimum tier.
public struct Tier: Sendable, Hashable, Codable {
    /// E.g. `P1`. Cannot be ``Priority/belowThresholdName``.
    public var name: String
    public var minPoints: Int

    public init(name: String, minPoints: Int) {
        self.name = name
        self.minPoints = minPoints
    }
}

/// The outcome class of a score: a tier, or below the threshold (the lead is not worked but
/// extracted weekly for another office).
public enum Priority: Sendable, Hashable, CustomStringConvertible {
    case tier(String)
    case belowThreshold

    /// How ``belowThreshold`` is written in JSON and reports; reserved as a tier name.
    public static let belowThresholdName = "below-threshold"

    /// The tier's name, or `below-threshold`.
    public var description: String {
        switch self {
        case .tier(let name): name
        case .belowThreshold: Self.belowThresholdName
        }
    }

    /// The tier name, nil below the threshold.
    public var tierName: String? {
        if case .tier(let name) = self { return name }
        return nil
    }
}

/// JSON shape: a string, the tier name or `below-threshold`.
extension Priority: Codable {
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        self = name == Self.belowThresholdName ? .belowThreshold : .tier(name)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
