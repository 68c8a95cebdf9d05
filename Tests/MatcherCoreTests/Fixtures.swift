import Foundation
import MatcherCore

/// Builders for the invented records the tests use. No real person's data.
enum Fixture {
    static func person(
        _ given: String, _ family: String, dob: PartialDate? = nil, sex: Sex? = nil, country: String? = nil,
        ids: [Identifier] = [], addresses: [Address] = []
    ) -> MatchRecord {
        MatchRecord(
            given: given, family: family, dateOfBirth: dob, sex: sex, countryOfBirth: country,
            citizenship: country.map { [$0] } ?? [], identifiers: ids, addresses: addresses)
    }

    static func date(_ y: Int, _ m: Int? = nil, _ d: Int? = nil) -> PartialDate {
        PartialDate(year: y, month: m, day: d)
    }

    static func passport(_ value: String, _ issuer: String = "MEX") -> Identifier {
        Identifier(type: IdentifierType.passport, issuer: issuer, value: value)
    }

    static let scorer = MatchScorer()

    static func score(_ a: MatchRecord, _ b: MatchRecord) -> MatchScore { scorer.score(a, against: b) }

    static func names(_ given1: String, _ family1: String, _ given2: String, _ family2: String) -> NameComparison {
        NameComparison.compare(PersonName(given: given1, family: family1), PersonName(given: given2, family: family2))
    }
}

extension MatchScore {
    func weight(_ attribute: MatchAttribute) -> Double { contribution(attribute)?.weight ?? .nan }
    func level(_ attribute: MatchAttribute) -> String? { contribution(attribute)?.level }
}

/// Frequencies set by hand for term-frequency tests.
struct FixedFrequencies: TermFrequencies {
    var family: [String: Double] = [:]
    var given: [String: Double] = [:]
    var identifierCounts: [String: Int] = [:]
    var addressCounts: [String: Int] = [:]

    func frequency(ofFamily name: String) -> Double? { family[name] }
    func frequency(ofGiven name: String) -> Double? { given[name] }
    func subjectCount(sharingIdentifier type: String, issuer: String?, value: String) -> Int? { identifierCounts[value] }
    func subjectCount(sharingAddress address: Address) -> Int? { addressCounts[address.line] }
}

func approx(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }
