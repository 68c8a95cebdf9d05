/// Draws the attributes of synthetic people: names with a Zipf skew, dates, countries and
/// identifiers. One factory serves one population build.
struct PersonFactory {
    var random: SyntheticRandom
    private var givenSamplers: [String: ZipfSampler] = [:]
    private var familySamplers: [NameCulture: ZipfSampler] = [:]

    init(random: SyntheticRandom) {
        self.random = random
        for culture in NameCulture.allCases {
            for male in [true, false] {
                givenSamplers[Self.key(culture, male)] = ZipfSampler(
                    count: NameLists.given(culture, male: male).count, offset: 4)
            }
            familySamplers[culture] = ZipfSampler(count: NameLists.family(culture).count, offset: 1)
        }
    }

    private static func key(_ culture: NameCulture, _ male: Bool) -> String { "\(culture.rawValue)/\(male)" }

    /// A given name with the culture's frequency skew.
    mutating func givenName(_ culture: NameCulture, male: Bool) -> String {
        let list = NameLists.given(culture, male: male)
        return list[givenSamplers[Self.key(culture, male)]!.sample(&random)]
    }

    /// A given name for a twin: differs from `other` and is neither a nickname nor a
    /// transliteration variant of it.
    mutating func twinGivenName(_ culture: NameCulture, male: Bool, other: String) -> String {
        while true {
            let candidate = givenName(culture, male: male)
            if candidate != other && !Nicknames.related(candidate, other)
                && !Transliterations.related(candidate, other)
            {
                return candidate
            }
        }
    }

    /// A family name; Hispanic ones are compounds of two different parts.
    mutating func familyName(_ culture: NameCulture) -> String {
        let list = NameLists.family(culture)
        let sampler = familySamplers[culture]!
        let first = list[sampler.sample(&random)]
        guard culture == .hispanic else { return first }
        var second = list[sampler.sample(&random)]
        while second == first { second = list[sampler.sample(&random)] }
        return "\(first) \(second)"
    }

    /// A middle name in the culture's convention, or `nil`.
    mutating func middleName(_ culture: NameCulture, male: Bool, given: String) -> String? {
        guard random.chance(culture.middleNameRate) else { return nil }
        switch culture {
        case .slavic:
            return random.pick(NameLists.patronymics(male: male))
        case .arabic:
            return givenName(culture, male: true)  // the father's name
        default:
            var middle = givenName(culture, male: male)
            while middle == given { middle = givenName(culture, male: male) }
            return middle
        }
    }

    /// A country of birth typical of the culture (most common first, mildly skewed).
    mutating func country(_ culture: NameCulture) -> String {
        let countries = culture.countries
        return random.chance(0.5) ? countries[0] : random.pick(countries)
    }

    /// Two letters and seven digits.
    mutating func passport() -> String {
        let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
        var text = String(random.pick(letters)) + String(random.pick(letters))
        for _ in 0..<7 { text += String(random.below(10)) }
        return text
    }

    /// `AAA-GG-SSSS` with area 773–899 (valid, never 000/666/9xx), group 01–99, serial 0001–9999.
    mutating func ssn() -> String {
        let area = random.int(in: 773...899)
        let group = random.int(in: 1...99)
        let serial = random.int(in: 1...9999)
        return "\(area)-\(SyntheticDate.twoDigits(group))-\(Self.padded(serial, 4))"
    }

    /// `A` and nine digits (200000000–239999999).
    mutating func alienNumber() -> String {
        "A\(random.int(in: 200_000_000...239_999_999))"
    }

    /// `+1 NPA 555 01xx`, in E.164.
    mutating func phone() -> String {
        "+1\(random.pick(Places.areaCodes))55501\(SyntheticDate.twoDigits(random.below(100)))"
    }

    /// `given.family[NN]@example.com|org`, ASCII letters only.
    mutating func email(given: String, family: String) -> String {
        let local = Self.asciiLetters(given) + "." + Self.asciiLetters(family)
        let suffix = random.chance(0.6) ? String(random.int(in: 1...99)) : ""
        let domain = random.chance(0.7) ? "example.com" : "example.org"
        return "\(local)\(suffix)@\(domain)"
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func asciiLetters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }))
            .lowercased()
    }
}
