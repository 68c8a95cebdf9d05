import LeadTracRuntime
import MatcherCore

/// The matcher's own settings (docs/operations.md), next to the runtime's `ServiceConfiguration`.
public struct MatcherConfiguration: Sendable, Hashable {
    /// Where the decision rule draws its lines; MatcherCore's defaults unless configured.
    public var thresholds: MatchThresholds
    /// A blocking key shared by more subjects than this is generic: skipped (and logged by
    /// kind) rather than retrieving a block that large.
    public var blockCap: Int
    /// How many of the subjects sharing keys with a lead are scored: those sharing the most
    /// evidence (``BlockingKey/Kind/retrievalWeight`` summed over the kinds shared).
    public var maxCandidates: Int
    /// Whether candidate retrieval reads the blocking keys from process memory once loaded
    /// (``BlockingIndex``) rather than from PostgreSQL for every lead.
    public var memoryIndex: Bool
    /// Competing consumers of `matcher.leads` in this process, sharing its blocking index and
    /// caches (a replica of its own would load the index again). Leads for one new person
    /// stay serialised by the advisory locks, as between replicas.
    public var consumers: Int

    public init(
        thresholds: MatchThresholds = .default, blockCap: Int = 500, maxCandidates: Int = 50, memoryIndex: Bool = true,
        consumers: Int = 2
    ) {
        self.thresholds = thresholds
        self.blockCap = blockCap
        self.maxCandidates = maxCandidates
        self.memoryIndex = memoryIndex
        self.consumers = consumers
    }

    public static let `default` = MatcherConfiguration()

    /// Reads `LEADTRAC_MATCH_AUTOLINK`, `LEADTRAC_MATCH_REVIEW`, `LEADTRAC_MATCH_MARGIN` (log2
    /// odds; defaults from ``MatchThresholds/default``), `LEADTRAC_MATCH_BLOCK_CAP` (500) and
    /// `LEADTRAC_MATCH_MAX_CANDIDATES` (50), `LEADTRAC_MATCH_MEMORY_INDEX` (true) and
    /// `LEADTRAC_MATCH_CONSUMERS` (2, at most 16).
    /// - Throws: `ConfigurationError` naming the setting when a value is not a number, or when
    ///   the review threshold is above the auto-link threshold, or the margin is negative.
    public init(environment: Environment) throws(ConfigurationError) {
        let defaults = MatchThresholds.default
        let autoLink = try Self.number(environment, "LEADTRAC_MATCH_AUTOLINK", default: defaults.autoLink)
        let review = try Self.number(environment, "LEADTRAC_MATCH_REVIEW", default: defaults.review)
        let margin = try Self.number(environment, "LEADTRAC_MATCH_MARGIN", default: defaults.ambiguityMargin)
        guard review <= autoLink else {
            throw ConfigurationError(setting: "LEADTRAC_MATCH_REVIEW", problem: "must not be above LEADTRAC_MATCH_AUTOLINK")
        }
        guard margin >= 0 else {
            throw ConfigurationError(setting: "LEADTRAC_MATCH_MARGIN", problem: "must not be negative")
        }
        thresholds = MatchThresholds(autoLink: autoLink, review: review, ambiguityMargin: margin)
        blockCap = try environment.integer("LEADTRAC_MATCH_BLOCK_CAP", default: 500, range: 10...100_000)
        maxCandidates = try environment.integer("LEADTRAC_MATCH_MAX_CANDIDATES", default: 50, range: 5...10_000)
        memoryIndex = try environment.boolean("LEADTRAC_MATCH_MEMORY_INDEX", default: true)
        consumers = try environment.integer("LEADTRAC_MATCH_CONSUMERS", default: 2, range: 1...16)
    }

    private static func number(_ environment: Environment, _ name: String, default value: Double)
        throws(ConfigurationError) -> Double
    {
        guard let text = try environment.string(name) else { return value }
        guard let number = Double(text), number.isFinite else {
            throw ConfigurationError(setting: name, problem: "must be a number (log2 odds, e.g. 8 or -4.5)")
        }
        return number
    }

    /// For the start-up log line.
    public var description: [String: String] {
        [
            "match.autolink": "\(thresholds.autoLink)", "match.review": "\(thresholds.review)",
            "match.margin": "\(thresholds.ambiguityMargin)", "match.block_cap": "\(blockCap)",
            "match.max_candidates": "\(maxCandidates)", "match.memory_index": "\(memoryIndex)",
            "match.consumers": "\(consumers)",
        ]
    }
}
