/// The naming traditions the generator draws people from. Each has its own given-name,
/// family-name and middle-name conventions and typical countries of birth.
///
/// All family names for the Anglo, Hispanic, Arabic and Slavic lists are invented (plausible in
/// shape, not real surnames one would look up); East and South Asian lists use only the very
/// commonest romanised surnames, shared by millions, so no combination points at a real person.
public enum NameCulture: String, Sendable, Hashable, CaseIterable, Codable {
    case anglo, hispanic, arabic, slavic, southAsian, eastAsian

    /// Relative share of the population, in percent.
    var weight: Int {
        switch self {
        case .anglo: 30
        case .hispanic: 25
        case .arabic: 10
        case .slavic: 10
        case .southAsian: 12
        case .eastAsian: 13
        }
    }

    /// Picks a culture with the weights above.
    static func sample(_ random: inout SyntheticRandom) -> NameCulture {
        var roll = random.below(100)
        for culture in allCases {
            if roll < culture.weight { return culture }
            roll -= culture.weight
        }
        return .anglo
    }

    /// Typical ISO 3166-1 alpha-3 countries of birth, most common first.
    var countries: [String] {
        switch self {
        case .anglo: ["USA", "GBR", "CAN", "AUS", "IRL", "NZL"]
        case .hispanic: ["MEX", "GTM", "SLV", "HND", "COL", "DOM", "PER", "ESP"]
        case .arabic: ["EGY", "JOR", "MAR", "IRQ", "SYR", "LBN", "SAU", "YEM"]
        case .slavic: ["UKR", "RUS", "POL", "SRB", "BGR", "BLR"]
        case .southAsian: ["IND", "PAK", "BGD", "NPL", "LKA"]
        case .eastAsian: ["CHN", "VNM", "KOR", "PHL", "JPN", "TWN"]
        }
    }

    /// How often a person of this culture has a middle name.
    var middleNameRate: Double {
        switch self {
        case .anglo: 0.6
        case .hispanic: 0.45
        case .arabic: 0.5
        case .slavic: 0.35
        case .southAsian: 0.25
        case .eastAsian: 0.1
        }
    }
}
