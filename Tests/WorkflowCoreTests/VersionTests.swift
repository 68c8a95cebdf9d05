import Testing
import WorkflowCore

@Suite("Optimistic versions")
struct VersionTests {
    @Test(arguments: [6, 8, 0, -1])
    func aStaleVersionIsAConflict(_ expected: Int) {
        let lead = Fixture.lead(.queued, version: 7)
        let error = Fixture.refusal(.take, by: Fixture.analyst, on: lead, expectedVersion: expected)
        #expect(error?.code == .versionConflict)
        #expect(error?.code.httpStatus == 412)
    }

    @Test func theMatchingVersionIsAcceptedAndIncremented() throws {
        let outcome = try Fixture.apply(.take, by: Fixture.analyst, on: Fixture.lead(.queued, version: 7))
        #expect(outcome.lead.version == 8)
        #expect(outcome.transition.version == 8)
    }

    @Test func aClientHoldingTheOldVersionLosesTheRace() throws {
        let queued = Fixture.lead(.queued, version: 3)
        let first = try Fixture.apply(.take, by: Fixture.analyst, on: queued)
        // The second analyst read version 3 too.
        let second = CommandRequest(.take, by: Fixture.otherAnalyst, expectedVersion: 3, at: Fixture.now)
        #expect(throws: WorkflowError.self) { try LeadStateMachine.apply(second, to: first.lead) }
        do {
            _ = try LeadStateMachine.apply(second, to: first.lead)
        } catch {
            #expect(error.code == .versionConflict)
        }
    }

    @Test func everyTransitionAddsExactlyOne() throws {
        var lead = LeadWorkflow.new(leadID: Fixture.leadID, subjectID: Fixture.subjectID, queuedAt: Fixture.created)
        #expect(lead.version == 1)
        let steps: [(WorkflowCommand, Requester, String?)] = [
            (.take, Fixture.analyst, nil), (.submit, Fixture.analyst, nil), (.return, Fixture.reviewer, "more"),
            (.resume, Fixture.analyst, nil), (.submit, Fixture.analyst, nil), (.approve(.viableHold), Fixture.reviewer, nil),
        ]
        for (number, step) in steps.enumerated() {
            lead = try Fixture.apply(step.0, by: step.1, on: lead, reason: step.2).lead
            #expect(lead.version == number + 2)
        }
    }

    @Test func theRoleIsCheckedBeforeTheVersion() {
        let error = Fixture.refusal(
            .take, by: Requester(id: "u-aud", roles: [.auditor]), on: Fixture.lead(.queued), expectedVersion: 1)
        #expect(error?.code == .forbiddenRole)
    }

    @Test func theVersionIsCheckedBeforeTheState() {
        // Stale and in the wrong state: the client must re-read before anything else matters.
        let error = Fixture.refusal(.take, by: Fixture.analyst, on: Fixture.lead(.submitted, version: 5), expectedVersion: 4)
        #expect(error?.code == .versionConflict)
    }
}
