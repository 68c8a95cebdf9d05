import LeadTracDomain

/// An invented US street address, stored compactly (indices into the embedded lists) because a
/// population of a million people keeps one per person in memory.
public struct SyntheticAddress: Sendable, Hashable {
    let houseNumber: Int32
    let streetRoot: Int16
    let streetSuffix: Int8
    let city: Int8
    let state: Int8
    /// 0 when there is no apartment line.
    let unit: Int16
    let zipCode: Int32
    /// The year the person moved in.
    public let sinceYear: Int16

    /// The street lines (`1234 Willowbrook Ave`, optionally `Apt 12`).
    public var lines: [String] {
        let street = "\(houseNumber) \(Places.streetRoots[Int(streetRoot)]) \(Places.streetSuffixes[Int(streetSuffix)])"
        return unit == 0 ? [street] : [street, "Apt \(unit)"]
    }
    /// The invented city name.
    public var cityName: String { Places.cities[Int(city)] }
    /// The USPS state code.
    public var stateCode: String { Places.states[Int(state)].code }
    /// The 5-digit ZIP code, inside the state's real prefix range.
    public var zip: String {
        let digits = String(zipCode)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// The address as a source would send it, valid from 1 January of ``sinceYear``.
    public var raw: RawAddress {
        RawAddress(
            lines: lines, city: cityName, state: stateCode, zip: zip, country: "USA",
            validFrom: "\(sinceYear)-01-01")
    }

    /// A random address, moved into in `sinceYear`.
    static func random(sinceYear: Int, _ random: inout SyntheticRandom) -> SyntheticAddress {
        let state = random.below(Places.states.count)
        let range = Places.states[state]
        let prefix = random.int(in: range.low...range.high)
        return SyntheticAddress(
            houseNumber: Int32(random.int(in: 1...9899)),
            streetRoot: Int16(random.below(Places.streetRoots.count)),
            streetSuffix: Int8(random.below(Places.streetSuffixes.count)),
            city: Int8(random.below(Places.cities.count)),
            state: Int8(state),
            unit: random.chance(0.25) ? Int16(random.int(in: 1...450)) : 0,
            zipCode: Int32(prefix * 100 + random.int(in: 1...99)),
            sinceYear: Int16(sinceYear))
    }
}
