import Foundation

/// The priority tier the prioritizer gave a lead: national security first (P1), then public
/// safety (P2), then the rest that meet the priority criteria (P3). Leads below the threshold
/// are not worked here; they go to the weekly extract for another enforcement office.
///
/// The raw values are the labels used in configuration and events (`P1`, `belowThreshold`).
public enum PriorityTier: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"
    case belowThreshold

    /// Higher priority first: `P1 < P2 < P3 < belowThreshold` in take-next order.
    public static func < (lhs: PriorityTier, rhs: PriorityTier) -> Bool { lhs.rank < rhs.rank }

    /// 0 for P1, 1 for P2, 2 for P3, 3 below threshold: the order queues are worked in.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// The tiers analysts take work from.
    public static let worked: Set<PriorityTier> = [.p1, .p2, .p3]

    /// Reads a tier label: `P1`/`p1`, and `belowThreshold` in any case or as `below-threshold`.
    public init?(label: String) {
        switch label.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "p1": self = .p1
        case "p2": self = .p2
        case "p3": self = .p3
        case "belowthreshold": self = .belowThreshold
        default: return nil
        }
    }

    /// The tier's part of a queue name: `p1`, `p2`, `p3`, `below-threshold`.
    public var queueSegment: String {
        switch self {
        case .p1: "p1"
        case .p2: "p2"
        case .p3: "p3"
        case .belowThreshold: "below-threshold"
        }
    }
}
