import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracRuntime
import MatcherCore
import Testing

@testable import MatcherService

// All data here is synthetic: invented names, made-up document numbers, example.com mail,
// reserved 555-01xx phone numbers.

private let provenance = Provenance(
    system: "test/feed", sourceKind: .upstreamSystem, sourceRecordID: "R-1", receivedAt: Date(timeIntervalSince1970: 1_790_000_000))

/// A canonical lead through the real normaliser, as ingest would produce it.
private func canonical(_ raw: RawLead) throws -> CanonicalLead {
    switch LeadNormaliser().normalise(raw, provenance: provenance) {
    case .success(let lead): return lead
    case .failure(let failure): throw failure
    }
}

private func person(_ edit: (inout RawPerson) -> Void) throws -> CanonicalLead {
    var person = RawPerson(name: RawName(given: "Avery", family: "Testperson"))
    edit(&person)
    return try canonical(RawLead(category: "overstay", person: person))
}

@Suite struct MatchRecordMapperTests {
    @Test func namesAreFoldedWithTheMiddleNameInTheGivenPartAndAliasesAfter() throws {
        let lead = try person {
            $0.name = RawName(given: "José", middle: "Ángel", family: "García-López")
            $0.aliases = [RawName(given: "Pepe", family: "Garcia"), RawName(given: "JOSE", middle: "angel", family: "garcia lopez")]
        }
        let record = MatchRecordMapper.matchRecord(for: lead)
        #expect(record.kind == .person)
        #expect(record.names.first == MatcherCore.PersonName(given: "jose angel", family: "garcia lopez"))
        #expect(record.names.contains(MatcherCore.PersonName(given: "pepe", family: "garcia")))
        #expect(record.names.count == Set(record.names).count, "a name equal to another once folded is kept once")
    }

    @Test func partialDateSexAndCountriesAreMapped() throws {
        let lead = try person {
            $0.dateOfBirth = "1987-04"
            $0.sex = "U"
            $0.countryOfBirth = "Mexico"
            $0.citizenship = "MEX"
        }
        let record = MatchRecordMapper.matchRecord(for: lead)
        #expect(record.dateOfBirth == MatcherCore.PartialDate(year: 1987, month: 4))
        #expect(record.dateOfBirth?.isComplete == false)
        #expect(record.sex == nil, "unknown sex is no evidence")
        #expect(record.countryOfBirth == "MEX")
        #expect(record.citizenship == ["MEX"])

        let full = MatchRecordMapper.matchRecord(for: try person { $0.dateOfBirth = "1987-04-12"; $0.sex = "F" })
        #expect(full.dateOfBirth == MatcherCore.PartialDate(year: 1987, month: 4, day: 12))
        #expect(full.sex == .female)
    }

    @Test func identifiersKeepTypeIssuerAndValueAndContactsBecomeIdentifiers() throws {
        let lead = try person {
            $0.identifiers = [
                RawIdentifier(type: "passport", value: "x1234567", issuingCountry: "MEX"),
                RawIdentifier(type: "DL", value: "T1234-5678", issuingState: "TX"),
                RawIdentifier(type: "A-Number", value: "A12345678"),
                RawIdentifier(type: "SEVIS", value: "N0012345678"),
            ]
            $0.phones = ["+1 202 555 0143"]
            $0.emails = ["Avery.Testperson@Example.com"]
        }
        let ids = Set(MatchRecordMapper.matchRecord(for: lead).identifiers)
        #expect(ids.contains(MatcherCore.Identifier(type: MatcherCore.IdentifierType.passport, issuer: "MEX", value: "X1234567")))
        #expect(ids.contains(MatcherCore.Identifier(type: MatcherCore.IdentifierType.driversLicence, issuer: "TX", value: "T12345678")))
        #expect(ids.contains(MatcherCore.Identifier(type: MatcherCore.IdentifierType.alienNumber, value: "012345678")))
        #expect(ids.contains(MatcherCore.Identifier(type: MatcherCore.IdentifierType.studentProgramme, value: "N0012345678")))
        #expect(ids.contains { $0.type == MatcherCore.IdentifierType.phone && $0.value == "+12025550143" })
        #expect(ids.contains { $0.type == MatcherCore.IdentifierType.email && $0.value == "avery.testperson@example.com" })
        #expect(ids.count == 6)
    }

    @Test func addressesAreLowerCasedLinesWithZIP() throws {
        let lead = try person {
            $0.addresses = [RawAddress(lines: ["12 Example St", "Apt 3"], city: "Testville", state: "TX", zip: "75001-1234")]
        }
        let record = MatchRecordMapper.matchRecord(for: lead)
        #expect(record.addresses.count == 1)
        #expect(record.addresses.first?.zip5 == "75001")
        #expect(record.addresses.first?.line.hasPrefix("12 example st") == true)
        #expect(record.addresses.first?.line == record.addresses.first?.line.lowercased())
    }

    @Test func organisationIsMatchedByFoldedNameAndSchoolCode() throws {
        let lead = try canonical(
            RawLead(
                kind: "organisation", category: "organisationCompliance",
                organisation: RawOrganisation(name: "Example Flight Académie", schoolCode: "abc-214-f00123000")))
        let record = MatchRecordMapper.matchRecord(for: lead)
        #expect(record.kind == .organisation)
        #expect(record.names == [MatcherCore.PersonName(given: "", family: "example flight academie")])
        #expect(record.schoolCode == "ABC214F00123000")
        #expect(blockingKeys(for: record).contains { $0.kind == .schoolCode })
    }

    @Test func twoLeadsOfOnePersonShareBlockingKeysAndScoreAsALink() throws {
        let a = MatchRecordMapper.matchRecord(for: try person {
            $0.dateOfBirth = "1987-04-12"
            $0.identifiers = [RawIdentifier(type: "passport", value: "X7654321", issuingCountry: "MEX")]
        })
        let b = MatchRecordMapper.matchRecord(for: try person {
            $0.name = RawName(full: "TESTPERSON, Avery")
            $0.dateOfBirth = "04/12/1987"
            $0.identifiers = [RawIdentifier(type: "passport", value: "x7654321", issuingCountry: "Mexico")]
        })
        #expect(!Set(blockingKeys(for: a)).isDisjoint(with: blockingKeys(for: b)))
        let decision = decide(candidates: [ScoredCandidate(subjectID: "s", score: MatchScorer().score(b, against: a))])
        #expect(decision.outcome == .autoLink(subjectID: "s"))
    }
}

@Suite struct SubjectProfileTests {
    private let first = SourceRef(leadID: "lead-1", system: "test/a", recordID: "A-1")
    private let second = SourceRef(leadID: "lead-2", system: "test/b", recordID: "B-1")

    @Test func mergeAddsNewValuesWithTheirSourceAndConfirmsKnownOnes() {
        let passport = MatcherCore.Identifier(type: "passport", issuer: "MEX", value: "X7654321")
        var profile = SubjectProfile(
            newFrom: MatchRecord(given: "avery", family: "testperson", dateOfBirth: .init(year: 1987), identifiers: [passport]),
            source: first)
        let added = profile.merge(
            MatchRecord(
                kind: .person,
                names: [.init(given: "avery", family: "testperson"), .init(given: "avy", family: "testperson")],
                dateOfBirth: .init(year: 1987, month: 4, day: 12), sex: .female,
                identifiers: [.init(type: "passport", issuer: nil, value: "x-7654321"), .init(type: "ssn", value: "123456780")],
                addresses: [.init(line: "12 example st", zip5: "75001")]),
            from: second)
        #expect(added == SubjectUpdated.Added(names: 1, identifiers: 1, addresses: 1, citizenships: 0, facts: 2))
        #expect(profile.record.names.map(\.given) == ["avery", "avy"], "the primary name stays first")
        #expect(profile.record.identifiers.count == 2, "the same passport without issuer is not added again")
        #expect(profile.record.dateOfBirth == .init(year: 1987, month: 4, day: 12), "a more precise date that agrees refines")
        #expect(profile.provenance.sources == [first, second])
        #expect(profile.provenance.names == [[0, 1], [1]])
        #expect(profile.provenance.identifiers == [[0, 1], [1]])
        #expect(profile.provenance.dateOfBirth == [1])
    }

    @Test func conflictingSingleValuesKeepTheFirst() {
        var profile = SubjectProfile(
            newFrom: MatchRecord(given: "avery", family: "testperson", dateOfBirth: .init(year: 1987, month: 4, day: 12), sex: .male),
            source: first)
        let added = profile.merge(
            MatchRecord(given: "avery", family: "testperson", dateOfBirth: .init(year: 1988), sex: .female), from: second)
        #expect(added.isEmpty)
        #expect(profile.record.dateOfBirth == .init(year: 1987, month: 4, day: 12))
        #expect(profile.record.sex == .male)
        #expect(profile.provenance.sex == [0])
    }
}

@Suite struct MatcherConfigurationTests {
    @Test func defaultsAreMatcherCoresAndEnvironmentOverrides() throws {
        #expect(try MatcherConfiguration(environment: Environment([:])) == .default)
        #expect(MatcherConfiguration.default.thresholds == .default)
        let configured = try MatcherConfiguration(
            environment: Environment([
                "LEADTRAC_MATCH_AUTOLINK": "10.5", "LEADTRAC_MATCH_REVIEW": "-2", "LEADTRAC_MATCH_MARGIN": "6",
                "LEADTRAC_MATCH_BLOCK_CAP": "200", "LEADTRAC_MATCH_MAX_CANDIDATES": "20", "LEADTRAC_MATCH_MEMORY_INDEX": "off",
                "LEADTRAC_MATCH_CONSUMERS": "3",
            ]))
        #expect(configured.thresholds == MatchThresholds(autoLink: 10.5, review: -2, ambiguityMargin: 6))
        #expect(configured.blockCap == 200)
        #expect(configured.maxCandidates == 20)
        #expect(MatcherConfiguration.default.memoryIndex)
        #expect(!configured.memoryIndex)
        #expect(MatcherConfiguration.default.consumers == 2)
        #expect(configured.consumers == 3)
    }

    /// The service runs `LEADTRAC_MATCH_CONSUMERS` competing loops on `matcher.leads`, sharing one
    /// handler (so one blocking index), in batches of ``Matcher/defaultBatchSize``.
    @Test func consumersAreInstancesOfOneHandler() {
        let descriptor = Matcher.descriptor(configuration: MatcherConfiguration(consumers: 3))
        let leads = descriptor.consumers.filter { $0.queue.name == "matcher.leads" }
        #expect(leads.count == 1)
        #expect(leads.first?.instances == 3)
        #expect(descriptor.defaultBatchSize == 20)
        #expect(descriptor.consumers.filter { $0.queue.name != "matcher.leads" }.allSatisfy { $0.instances == 1 })
    }

    @Test func unusableValuesNameTheirSetting() {
        for (values, setting) in [
            (["LEADTRAC_MATCH_AUTOLINK": "high"], "LEADTRAC_MATCH_AUTOLINK"),
            (["LEADTRAC_MATCH_AUTOLINK": "2", "LEADTRAC_MATCH_REVIEW": "3"], "LEADTRAC_MATCH_REVIEW"),
            (["LEADTRAC_MATCH_MARGIN": "-1"], "LEADTRAC_MATCH_MARGIN"),
            (["LEADTRAC_MATCH_MAX_CANDIDATES": "1"], "LEADTRAC_MATCH_MAX_CANDIDATES"),
            (["LEADTRAC_MATCH_MEMORY_INDEX": "maybe"], "LEADTRAC_MATCH_MEMORY_INDEX"),
            (["LEADTRAC_MATCH_CONSUMERS": "0"], "LEADTRAC_MATCH_CONSUMERS"),
            (["LEADTRAC_MATCH_CONSUMERS": "17"], "LEADTRAC_MATCH_CONSUMERS"),
        ] {
            #expect(throws: ConfigurationError.self) { try MatcherConfiguration(environment: Environment(values)) }
            do {
                _ = try MatcherConfiguration(environment: Environment(values))
            } catch {
                #expect(error.setting == setting)
            }
        }
    }
}
