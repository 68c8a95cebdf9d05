import Foundation
import Testing
import WorkflowCore

@Suite("Lifecycle scenarios")
struct LifecycleScenarioTests {
    /// Applies steps in order, one minute apart, and returns the final lead and the history.
    func run(_ steps: [(WorkflowCommand, Requester, String?)]) throws -> (LeadWorkflow, [Transition]) {
        var lead = LeadWorkflow.new(leadID: Fixture.leadID, subjectID: Fixture.subjectID, queuedAt: Fixture.created)
        var history: [Transition] = []
        for (index, (command, actor, reason)) in steps.enumerated() {
            let at = Fixture.created.addingTimeInterval(TimeInterval(60 * (index + 1)))
            let outcome = try Fixture.apply(command, by: actor, on: lead, reason: reason, at: at)
            lead = outcome.lead
            history.append(outcome.transition)
        }
        return (lead, history)
    }

    @Test func returnedThenReferredThenClosedByCaseManagement() throws {
        let (lead, history) = try run([
            (.take, Fixture.analyst, nil),
            (.submit, Fixture.analyst, nil),
            (.return, Fixture.reviewer, "confirm the current address"),
            (.resume, Fixture.analyst, nil),
            (.submit, Fixture.analyst, nil),
            (.approve(.viableRefer), Fixture.reviewer, nil),
            (.caseClosed, Fixture.caseFeed, nil),
        ])
        #expect(history.map(\.to) == [.inWorkup, .submitted, .returned, .inWorkup, .submitted, .referred, .closed])
        #expect(history.map(\.role) == [.analyst, .analyst, .reviewer, .analyst, .analyst, .reviewer, .service])
        #expect(zip(history.dropLast(), history.dropFirst()).allSatisfy { $0.to == $1.from })
        #expect(history.first?.from == .queued)
        #expect(history.map(\.version) == Array(2...8))
        #expect(lead.state == .closed)
        #expect(lead.closureReason == .caseClosed)
        #expect(history[2].assignee == Fixture.analyst.id, "a returned lead goes back to its analyst")
    }

    @Test func heldThenReopenedByTheFeedThenClosed() throws {
        let (lead, history) = try run([
            (.assign(to: Fixture.otherAnalyst), Fixture.supervisor, nil),
            (.submit, Fixture.otherAnalyst, nil),
            (.approve(.viableHold), Fixture.reviewer, nil),
            (.reopen(changed: ["departure"]), Fixture.arrivalFeed, nil),
            (.take, Fixture.analyst, nil),
            (.submit, Fixture.analyst, nil),
            (.approve(.nonViableClose(.departed)), Fixture.reviewer, nil),
        ])
        #expect(history.map(\.to) == [.inWorkup, .submitted, .held, .queued, .inWorkup, .submitted, .closed])
        #expect(history[3].changed == ["departure"])
        #expect(lead.closureReason == .departed)
        #expect(lead.workupParticipants == [Fixture.analyst.id], "the second workup was ana's alone")
    }
}
