import Testing

@testable import PrioritizerCore

/// Every kind of problem in a rule file is reported with its code, file, line and rule.
@Suite("Rule file validation")
struct ValidationTests {
    /// The one problem of `yaml`, failing the test if there is not exactly one.
    func onlyProblem(_ yaml: String) throws -> RuleProblem {
        let problems = Fixture.problems(yaml)
        #expect(problems.count == 1, "expected one problem, got \(problems.map(\.description))")
        return try #require(problems.first)
    }

    @Test func syntaxErrorIsInvalidYAMLWithItsLine() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 1 }
            rules:
              - name: wants
                 when: { fact: risk.wants_warrants, eq: true }
                points: 1
            """)
        #expect(problem.code == .invalidYAML)
        #expect(problem.line == 6)
        #expect(problem.column == 10)
        #expect(problem.file == "test.yaml")
        #expect(problem.message.contains("mapping values are not allowed"))
    }

    @Test func unterminatedListIsReportedAtTheEnd() throws {
        let problem = try onlyProblem("version: \"1\"\nrules: [\n")
        #expect(problem.code == .invalidYAML)
        #expect(problem.line == 3)
    }

    @Test func emptyFileAndNonMappingTopLevelAreInvalidYAML() throws {
        #expect(try onlyProblem("").code == .invalidYAML)
        #expect(try onlyProblem("# only a comment\n").code == .invalidYAML)
        let list = try onlyProblem("- version: 1\n")
        #expect(list.code == .invalidYAML)
        #expect(list.line == 1)
    }

    @Test func duplicatedKeyIsInvalidYAML() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 1 }
            rules:
              - name: a
                when: { exists: visa.class }
                points: 1
                points: 2
            """)
        #expect(problem.code == .invalidYAML)
        #expect(problem.message.contains("points"))
    }

    @Test func unknownTopLevelKey() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 1 }
            rules:
              - { name: a, when: { exists: visa.class }, points: 1 }
            threshold: 5
            """)
        #expect(problem.code == .unknownKey)
        #expect(problem.line == 6)
        #expect(problem.column == 1)
        #expect(problem.rule == nil)
    }

    @Test func unknownRuleKeySuggestsTheRightOne() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 1 }
            rules:
              - name: has-class
                when: { exists: visa.class }
                points: 1
                tag: [x]
            """)
        #expect(problem.code == .unknownKey)
        #expect(problem.line == 8)
        #expect(problem.column == 5)
        #expect(problem.rule == "has-class")
        #expect(problem.message.contains("did you mean tags?"))
    }

    @Test func unknownFieldNamesTheRuleAndTheLine() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers:
              - name: P1
                min_points: 1
            rules:
              - name: student-visa
                when:
                  all:
                    - { exists: address.us_last_seen }
                    - { fact: visa.klass, eq: F1 }
                points: 1
            """)
        #expect(problem.code == .unknownField)
        #expect(problem.line == 10)
        #expect(problem.column == 19)
        #expect(problem.rule == "student-visa")
        #expect(problem.message.contains("visa.klass"))
        #expect(problem.message.contains("did you mean visa.class?"))
    }

    @Test func unknownFieldInExistsAndMissing() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - name: r
                when: { missing: address }
                points: 1
            """)
        #expect(problem.code == .unknownField)
        #expect(problem.line == 5)
    }

    @Test(
        arguments: [
            ("points: lots", "when: { exists: visa.class }\n    points: lots", 6),
            ("points with a fraction", "when: { exists: visa.class }\n    points: 1.5", 6),
            ("bool fact compared with text", "when: { fact: risk.wants_warrants, eq: \"yes\" }\n    points: 1", 5),
            ("string fact compared with a number", "when: { fact: visa.class, eq: 1 }\n    points: 1", 5),
            ("NO read as a boolean", "when: { fact: lead.source, eq: NO }\n    points: 1", 5),
            ("number fact compared with text", "when: { fact: subject.prior_leads, ge: two }\n    points: 1", 5),
            (
                "date fact compared with a bad date", "when: { fact: lead.received_at, ge: 2024-02-30 }\n    points: 1",
                5
            ),
            ("in takes a list", "when: { fact: visa.class, in: F1 }\n    points: 1", 5),
            ("condition that is a list", "when: [{ exists: visa.class }]\n    points: 1", 5),
            ("tags that are text", "when: { exists: visa.class }\n    points: 1\n    tags: x", 7),
            ("not of a list", "when: { not: [{ exists: visa.class }] }\n    points: 1", 5),
        ] as [(String, String, Int)])
    func wrongType(_ label: String, _ body: String, _ line: Int) throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - name: r
                \(body)
            """)
        #expect(problem.code == .wrongType, "\(label): \(problem)")
        #expect(problem.line == line, "\(label)")
        #expect(problem.rule == "r", "\(label)")
    }

    @Test func quotingHintForValuesYAMLReadsAsOtherTypes() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - { name: r, when: { fact: lead.source, eq: NO }, points: 1 }
            """)
        #expect(problem.message.contains("quote it"))
        #expect(problem.message.contains("a boolean"))
    }

    @Test(
        arguments: [
            ("unknown operator", "{ fact: visa.class, equals: F1 }", 21),
            ("ordering on a string", "{ fact: visa.class, gt: F1 }", 21),
            ("contains on a string", "{ fact: visa.class, contains: F1 }", 21),
            ("in on a number", "{ fact: subject.prior_leads, in: [a] }", 30),
            ("within_days on a number", "{ fact: subject.prior_leads, within_days: 3 }", 30),
            ("eq on a set", "{ fact: risk.indicators, eq: TSC }", 26),
            ("two operators", "{ fact: subject.prior_leads, gt: 1, lt: 5 }", 37),
            ("unknown combinator", "{ every: [{ exists: visa.class }] }", 3),
            ("two combinators", "{ all: [{ exists: visa.class }], any: [{ exists: visa.class }] }", 34),
        ] as [(String, String, Int)])
    func badOperator(_ label: String, _ condition: String, _ column: Int) throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - name: r
                points: 1
                when: \(condition)
            """)
        #expect(problem.code == .badOperator, "\(label): \(problem)")
        #expect(problem.line == 6, "\(label)")
        #expect(problem.column == 11 + column - 1, "\(label): \(problem)")
        #expect(problem.rule == "r")
    }

    @Test func operatorOnTheWrongTypeListsTheRightOnes() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - { name: r, when: { fact: visa.class, gt: F1 }, points: 1 }
            """)
        #expect(problem.message.contains("eq, ne, in, not_in"))
    }

    @Test func missingKeys() throws {
        let problems = Fixture.problems(
            """
            version: "1"
            tiers:
              - name: P1
              - { name: P2, min_points: 1 }
            rules:
              - name: no-condition
                points: 1
              - points: 1
                when: { exists: visa.class }
              - name: no-operator
                when: { fact: visa.class }
                points: 1
              - name: no-fact
                when: { eq: F1 }
                points: 1
            """)
        let summary = problems.map { "\($0.code.rawValue)@\($0.line):\($0.rule ?? "-")" }
        #expect(
            summary == [
                "rules.missing-key@3:-",  // tier P1 without min_points
                "rules.missing-key@6:no-condition",
                "rules.missing-key@8:-",  // a rule without a name
                "rules.missing-key@11:no-operator",
                "rules.missing-key@14:no-fact",
            ], "\(problems.map(\.description))")
    }

    @Test func missingTopLevelSections() {
        let problems = Fixture.problems("description: nothing else\n")
        #expect(problems.map(\.code) == [.missingKey, .missingKey, .missingKey])
        #expect(problems.map(\.message).contains { $0.contains("version") })
        #expect(problems.map(\.message).contains { $0.contains("tiers") })
        #expect(problems.map(\.message).contains { $0.contains("rules") })
    }

    @Test func unknownValueOfAnEnumeratedFact() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - name: overstays
                when: { fact: lead.category, in: [fraud, overstays] }
                points: 1
            """)
        #expect(problem.code == .unknownValue)
        #expect(problem.line == 5)
        #expect(problem.rule == "overstays")
        #expect(problem.message.contains("did you mean overstay?"))
    }

    @Test(
        arguments: [
            ("negative days", "when: { fact: address.us_last_seen, within_days: -3 }\n    points: 1", 5),
            ("empty list", "when: { fact: visa.class, in: [] }\n    points: 1", 5),
            ("empty all", "when: { all: [] }\n    points: 1", 5),
            ("tag with a space", "when: { exists: visa.class }\n    points: 1\n    tags: [public safety]", 7),
        ] as [(String, String, Int)])
    func invalidValue(_ label: String, _ body: String, _ line: Int) throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - name: r
                \(body)
            """)
        #expect(problem.code == .invalidValue, "\(label): \(problem)")
        #expect(problem.line == line, "\(label)")
    }

    @Test func ruleNameWithSpacesAndReservedTierName() {
        let problems = Fixture.problems(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 5 }
              - { name: below-threshold, min_points: 1 }
            rules:
              - { name: public safety, when: { exists: visa.class }, points: 5 }
            """)
        #expect(problems.map(\.code) == [.invalidValue, .invalidValue])
        #expect(problems.map(\.line) == [4, 6])
    }

    @Test func unknownTier() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 100 }
              - { name: P2, min_points: 10 }
            rules:
              - name: urgent
                when: { fact: risk.national_security, eq: true }
                points: 100
                minimum_tier: P0
            """)
        #expect(problem.code == .unknownTier)
        #expect(problem.line == 9)
        #expect(problem.column == 19)
        #expect(problem.rule == "urgent")
    }

    @Test func duplicateRuleNameIsReportedAtTheSecond() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 1 }]
            rules:
              - name: wants
                when: { fact: risk.wants_warrants, eq: true }
                points: 1
              - name: wants
                when: { fact: risk.criminal_history, eq: true }
                points: 1
            """)
        #expect(problem.code == .duplicateRuleName)
        #expect(problem.line == 7)
        #expect(problem.rule == "wants")
        #expect(problem.message.contains("line 4"))
    }

    @Test func duplicateTierAndTierOrder() {
        let problems = Fixture.problems(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 10 }
              - { name: P2, min_points: 20 }
              - { name: P1, min_points: 5 }
            rules:
              - { name: r, when: { exists: visa.class }, points: 30 }
            """)
        #expect(problems.map(\.code) == [.tierOrder, .duplicateTierName])
        #expect(problems.map(\.line) == [4, 5])
    }

    @Test func unreachableTierIsReportedAtTheTier() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers:
              - name: P1
                min_points: 500
              - name: P2
                min_points: 50
            rules:
              - { name: a, when: { exists: visa.class }, points: 60 }
              - { name: b, when: { exists: lead.source }, points: 40 }
              - { name: c, when: { exists: lead.kind }, points: -200 }
            """)
        #expect(problem.code == .unreachableTier)
        #expect(problem.line == 3)
        #expect(problem.rule == nil)
        #expect(problem.message.contains("100"), "names the most points rules can give: \(problem.message)")
    }

    @Test func aTierIsReachableThroughAMinimumTier() {
        let problems = Fixture.problems(
            """
            version: "1"
            tiers:
              - { name: P1, min_points: 500 }
              - { name: P2, min_points: 50 }
            rules:
              - { name: a, when: { exists: visa.class }, points: 60 }
              - { name: b, when: { exists: lead.source }, minimum_tier: P1 }
            """)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func aRuleWithoutEffect() throws {
        let problem = try onlyProblem(
            """
            version: "1"
            tiers: [{ name: P1, min_points: 0 }]
            rules:
              - name: idle
                when: { exists: visa.class }
                points: 0
            """)
        #expect(problem.code == .noEffect)
        #expect(problem.line == 4)
        #expect(problem.rule == "idle")
    }

    @Test func everyProblemIsReportedInOnePassSortedByLine() {
        let problems = Fixture.problems(
            """
            version: "2"
            tiers:
              - { name: P1, min_points: 100 }
              - { name: P2, min_points: 10 }
            rules:
              - name: one
                when: { fact: visa.klass, eq: F1 }
                points: 10
              - name: two
                when: { fact: subject.prior_leads, gt: many }
                points: 10
                minimum_tier: P9
              - name: one
                when: { fact: lead.source, like: x }
                points: 5
            colour: blue
            """, file: "rules/candidate.yaml")
        let summary = problems.map { "\($0.line) \($0.code.rawValue) \($0.rule ?? "-")" }
        #expect(
            summary == [
                "7 rules.unknown-field one",
                "10 rules.wrong-type two",
                "12 rules.unknown-tier two",
                "13 rules.duplicate-rule-name one",
                "14 rules.bad-operator one",
                "16 rules.unknown-key -",
            ], "\(problems.map(\.description))")
        #expect(problems.allSatisfy { $0.file == "rules/candidate.yaml" })
        let error = RuleSetError(problems)
        #expect(error.description.contains("rules/candidate.yaml:7:19: rule 'one': unknown fact 'visa.klass'"))
        #expect(error.description.hasPrefix("rule set rejected (6 problems)"))
    }

    @Test func aValidFileHasNoProblems() throws {
        let rules = try Fixture.rules(
            """
            # comment
            version: 2025.1
            description: tiny
            tiers:
              - { name: P1, min_points: 10 }
            rules:
              - name: r
                description: why
                when: { fact: risk.national_security, eq: true }
                points: 10
                minimum_tier: P1
                tags: [b, a, b]
            """)
        #expect(rules.declaredVersion == "2025.1")
        #expect(rules.description == "tiny")
        #expect(rules.tiers == [Tier(name: "P1", minPoints: 10)])
        #expect(rules.belowThreshold == 10)
        #expect(rules.rules.map(\.name) == ["r"])
        #expect(rules.rules[0].tags == ["a", "b"])
        #expect(rules.rules[0].line == 7)
        #expect(rules.rules[0].description == "why")
    }
}

extension ValidationTests {
    @Test func versionMustBeOneWord() throws {
        for (yaml, code) in [
            ("version:\n", RuleProblem.Code.wrongType), ("version: \"\"\n", .invalidValue),
            ("version: two words\n", .invalidValue), ("version: [1]\n", .wrongType),
        ] {
            let problems = Fixture.problems(yaml + "tiers: [{ name: P1, min_points: 0 }]\nrules: []\n")
            #expect(problems.map(\.code) == [code], "\(yaml): \(problems)")
            #expect(problems.first?.line == 1)
        }
    }
}
