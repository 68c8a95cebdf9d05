import Foundation
import Testing
import WorkflowCore

@Suite("SLA clocks")
struct SLAPolicyTests {
    let entered = Fixture.utc("2026-03-02T09:00:00Z")

    /// The documented defaults, in days.
    static let documentedDefaults: [(LeadState, PriorityTier, Int)] = [
        (.queued, .p1, 2), (.queued, .p2, 5), (.queued, .p3, 10),
        (.inWorkup, .p1, 10), (.inWorkup, .p2, 20), (.inWorkup, .p3, 30),
        (.returned, .p1, 2), (.returned, .p2, 5), (.returned, .p3, 10),
        (.submitted, .p1, 2), (.submitted, .p2, 5), (.submitted, .p3, 10),
    ]

    @Test(arguments: Self.documentedDefaults)
    func defaultDueDates(_ state: LeadState, _ tier: PriorityTier, _ days: Int) {
        let due = SLAPolicy.default.slaDue(state: state, tier: tier, enteredAt: entered)
        #expect(due == entered.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    @Test func queuedP1IsDueTwoDaysLaterAtTheSameTime() {
        #expect(SLAPolicy.default.slaDue(state: .queued, tier: .p1, enteredAt: entered) == Fixture.utc("2026-03-04T09:00:00Z"))
    }

    @Test(arguments: LeadState.allCases)
    func belowThresholdLeadsRunNoClock(_ state: LeadState) {
        #expect(SLAPolicy.default.slaDue(state: state, tier: .belowThreshold, enteredAt: entered) == nil)
    }

    @Test(arguments: [LeadState.referred, .held, .pending, .closed], [PriorityTier.p1, .p2, .p3])
    func statesWaitingOnNoOneHereRunNoClock(_ state: LeadState, _ tier: PriorityTier) {
        #expect(SLAPolicy.default.clock(state: state, tier: tier, enteredAt: entered) == nil)
    }

    @Test func overdueOnceTheWholeDurationHasElapsed() throws {
        let clock = try #require(SLAPolicy.default.clock(state: .inWorkup, tier: .p1, enteredAt: entered))
        let due = Fixture.utc("2026-03-12T09:00:00Z")
        #expect(clock.due == due)
        #expect(!clock.isOverdue(now: entered))
        #expect(!clock.isOverdue(now: due.addingTimeInterval(-1)))
        #expect(clock.isOverdue(now: due))
        #expect(clock.isOverdue(now: due.addingTimeInterval(3_600)))
        #expect(clock.remaining(now: due.addingTimeInterval(-60)) == 60)
        #expect(clock.remaining(now: due.addingTimeInterval(60)) == -60)
    }

    @Test func aLeadIsOverdueFromWhenItEnteredItsState() {
        let lead = Fixture.lead(.submitted)  // entered 2026-03-02T09:00Z
        #expect(!SLAPolicy.default.isOverdue(lead, tier: .p1, now: Fixture.utc("2026-03-04T08:59:59Z")))
        #expect(SLAPolicy.default.isOverdue(lead, tier: .p1, now: Fixture.utc("2026-03-04T09:00:00Z")))
        #expect(!SLAPolicy.default.isOverdue(lead, tier: .p3, now: Fixture.utc("2026-03-04T09:00:00Z")))
        #expect(!SLAPolicy.default.isOverdue(Fixture.lead(.held), tier: .p1, now: Fixture.utc("2027-01-01T00:00:00Z")))
    }

    @Test func aCategoryRuleWinsOverTheTierRule() throws {
        let policy = try SLAPolicy(rules: [
            SLARule(state: .queued, tier: .p1, duration: .days(2)),
            SLARule(state: .queued, tier: .p1, category: "visaRevokedNationalSecurity", duration: .hours(12)),
        ])
        #expect(
            policy.slaDue(state: .queued, tier: .p1, category: "visaRevokedNationalSecurity", enteredAt: entered)
                == entered.addingTimeInterval(12 * 3_600))
        #expect(
            policy.slaDue(state: .queued, tier: .p1, category: "overstay", enteredAt: entered)
                == entered.addingTimeInterval(2 * 86_400))
        #expect(policy.slaDue(state: .queued, tier: .p1, enteredAt: entered) == entered.addingTimeInterval(2 * 86_400))
        #expect(policy.slaDue(state: .queued, tier: .p2, category: "visaRevokedNationalSecurity", enteredAt: entered) == nil)
    }

    // MARK: Durations

    @Test(arguments: [("2d", 172_800), ("36h", 129_600), ("1h", 3_600), (" 10d ", 864_000)])
    func durationsAreRead(_ text: String, _ seconds: Int) {
        #expect(SLADuration(text: text)?.seconds == seconds)
    }

    @Test(arguments: ["0d", "-1d", "1.5d", "2w", "d", "2", "", "2 d", "２d", "+2d"])
    func badDurationsAreNot(_ text: String) {
        #expect(SLADuration(text: text) == nil)
    }

    @Test func durationsPrintInTheFormTheyAreRead() {
        #expect(SLADuration.days(3).description == "3d")
        #expect(SLADuration.hours(36).description == "36h")
        #expect(SLADuration.hours(48).description == "2d")
    }

    // MARK: Validation

    @Test func rulesForUnclockedStatesOrTwiceTheSameKeyAreRejected() {
        #expect(throws: WorkflowConfigurationError.self) {
            try SLAPolicy(rules: [SLARule(state: .held, tier: .p1, duration: .days(1))])
        }
        do {
            _ = try SLAPolicy(rules: [
                SLARule(state: .held, tier: .p1, duration: .days(1)),
                SLARule(state: .queued, tier: .p1, duration: .days(1)),
                SLARule(state: .queued, tier: .p1, duration: .days(3)),
                SLARule(state: .queued, tier: .p1, category: "visa revoked", duration: .days(3)),
            ])
            Issue.record("accepted an invalid policy")
        } catch {
            #expect(error.codes == [.unclockedState, .duplicateRule, .invalidCategory])
            #expect(error.issues.map(\.keyPath) == ["states.held.P1", "states.queued.P1", "categories.visa revoked.queued.P1"])
            #expect(error.table == "sla")
        }
    }

    // MARK: YAML

    @Test func aPolicyIsLoadedFromYAML() throws {
        let policy = try SLAPolicy(
            yaml: """
                states:
                  queued: { P1: 1d, P2: 3d }
                  submitted:
                    P1: 12h
                categories:
                  wantedNotice:
                    queued: { P1: 6h }
                """)
        #expect(policy.duration(state: .queued, tier: .p1) == .days(1))
        #expect(policy.duration(state: .queued, tier: .p2) == .days(3))
        #expect(policy.duration(state: .queued, tier: .p3) == nil)
        #expect(policy.duration(state: .submitted, tier: .p1) == .hours(12))
        #expect(policy.duration(state: .queued, tier: .p1, category: "wantedNotice") == .hours(6))
        #expect(policy.duration(state: .inWorkup, tier: .p1) == nil, "nothing is merged from the defaults")
    }

    @Test func theDefaultsWrittenAsYAMLAreTheDefaults() throws {
        let policy = try SLAPolicy(
            yaml: """
                states:
                  queued:    { P1: 2d,  P2: 5d,  P3: 10d }
                  inWorkup:  { P1: 10d, P2: 20d, P3: 30d }
                  returned:  { P1: 2d,  P2: 5d,  P3: 10d }
                  submitted: { P1: 2d,  P2: 5d,  P3: 10d }
                """)
        for state in LeadState.allCases {
            for tier in PriorityTier.allCases {
                #expect(policy.duration(state: state, tier: tier) == SLAPolicy.default.duration(state: state, tier: tier))
            }
        }
    }

    @Test func everyProblemInAPolicyFileIsReportedWithItsPath() {
        do {
            _ = try SLAPolicy(
                yaml: """
                    states:
                      queued: { P1: 2w, P4: 1d, P2: 0d }
                      closed: { P1: 1d }
                      inWorkUp: { P1: 1d }
                      submitted: [P1, 2d]
                      returned: { P1: { days: 2 } }
                    categories:
                      "two words": { queued: { P1: 1d } }
                    overides: {}
                    """)
            Issue.record("accepted an invalid policy")
        } catch {
            let found = error.issues.map { "\($0.keyPath) \($0.code.rawValue)" }
            #expect(
                found == [
                    "states.queued.P1 sla.invalid-duration", "states.queued.P4 sla.unknown-tier",
                    "states.queued.P2 sla.invalid-duration",
                    "states.closed sla.unclocked-state", "states.inWorkUp sla.unknown-state",
                    "states.submitted config.wrong-type",
                    "states.returned.P1 config.wrong-type", "categories.two words sla.invalid-category",
                    "overides config.unknown-key",
                ])
        }
    }

    @Test(arguments: ["states: [", "- a list", "just text", ""])
    func textThatIsNotAMappingIsRejected(_ yaml: String) {
        do {
            _ = try SLAPolicy(yaml: yaml)
            Issue.record("accepted \(yaml)")
        } catch {
            #expect(error.codes == [.invalidYAML])
        }
    }

    @Test func duplicateKeysAreRejectedByTheYAMLReader() {
        do {
            _ = try SLAPolicy(yaml: "states:\n  queued: { P1: 1d }\n  queued: { P2: 1d }\n")
            Issue.record("accepted duplicate keys")
        } catch {
            #expect(error.codes == [.invalidYAML])
            #expect(error.issues.first?.message.contains("queued") == true)
        }
    }

    @Test func documentAndRuleProblemsAreReportedTogether() {
        do {
            _ = try SLAPolicy(yaml: "states:\n  queued: { P1: 1d, p1: 2d, P9: 1d }\n")
            Issue.record("accepted an invalid policy")
        } catch {
            #expect(error.codes == [.unknownTier, .duplicateRule])
        }
    }

    @Test func theSameTierTwiceUnderDifferentSpellingsIsADuplicate() {
        do {
            _ = try SLAPolicy(yaml: "states:\n  queued: { P1: 1d, p1: 2d }\n")
            Issue.record("accepted a duplicate rule")
        } catch {
            #expect(error.codes == [.duplicateRule])
        }
    }
}
