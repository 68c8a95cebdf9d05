import Foundation
import LeadTracDomain
import Testing

@Suite("Countries")
struct CountriesTests {
    @Test("the table holds ISO 3166-1 and the ICAO extensions, with unique codes")
    func table() {
        #expect(CountryCode.all.count == 249 + 5)
        #expect(Set(CountryCode.all.map(\.alpha3)).count == CountryCode.all.count)
        let alpha2 = CountryCode.all.map(\.alpha2).filter { !$0.isEmpty }
        #expect(Set(alpha2).count == alpha2.count)
        #expect(CountryCode.all.allSatisfy { $0.alpha3.count == 3 && $0.alpha3 == $0.alpha3.uppercased() })
    }

    @Test("every entry is found by alpha-3, alpha-2 and name")
    func roundTrip() {
        for country in CountryCode.all {
            #expect(CountryCode.parse(country.alpha3) == country)
            #expect(CountryCode.parse(country.alpha3.lowercased()) == country)
            #expect(CountryCode.parse(country.name) == country, "\(country.alpha3)")
            if !country.alpha2.isEmpty { #expect(CountryCode.parse(country.alpha2) == country) }
        }
    }

    @Test(
        "variants",
        arguments: [
            ("USA", "USA"), ("United States", "USA"), ("u.s.a.", "USA"), ("UK", "GBR"), ("Great Britain", "GBR"),
            ("Russia", "RUS"), ("South Korea", "KOR"), ("North Korea", "PRK"), ("Ivory Coast", "CIV"),
            ("Côte d’Ivoire", "CIV"), ("Bolivia", "BOL"), ("Iran", "IRN"), ("Burma", "MMR"), ("Turkey", "TUR"),
            ("Türkiye", "TUR"), ("Congo", "COG"), ("DRC", "COD"), ("Vietnam", "VNM"), ("Czech Republic", "CZE"),
            ("Curacao", "CUW"), ("Kosovo", "XKX"), ("D", "DEU"), ("  germany ", "DEU"), ("Saint Martin", "MAF"),
        ])
    func variants(input: String, alpha3: String) {
        #expect(CountryCode.parse(input)?.alpha3 == alpha3)
    }

    @Test(
        "ambiguous or unknown names are not guessed",
        arguments: ["Korea", "Virgin Islands", "Atlantis", "", "U", "EU", "Refugee"])
    func unknown(input: String) {
        #expect(CountryCode.parse(input) == nil)
    }

    @Test("encodes as the bare code and refuses unknown codes when decoding")
    func codable() throws {
        let data = try JSONEncoder().encode([CountryCode.unitedStates])
        #expect(String(decoding: data, as: UTF8.self) == #"["USA"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CountryCode].self, from: Data(#"["ZZZ"]"#.utf8))
        }
        #expect(CountryCode(rawValue: "usa") == nil)
    }
}
