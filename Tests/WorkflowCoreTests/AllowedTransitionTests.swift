import Foundation
import Testing
import WorkflowCore

/// One allowed transition as this test states it, independently of the implementation's table.
struct AllowedCase: CustomTestStringConvertible, Sendable {
    let command: WorkflowCommand
    let from: LeadState
    let actor: Requester
    let reason: String?
    let to: LeadState
    let role: WorkflowRole
    /// The assignee after the transition.
    let assignee: String?
    /// The lead before, when the default fixture for `from` is not what the case needs.
    let lead: LeadWorkflow?

    init(
        _ command: WorkflowCommand, _ from: LeadState, by actor: Requester, reason: String? = nil, to: LeadState,
        as role: WorkflowRole, assignee: String?, lead: LeadWorkflow? = nil
    ) {
        self.command = command
        self.from = from
        self.actor = actor
        self.reason = reason
        self.to = to
        self.role = role
        self.assignee = assignee
        self.lead = lead
    }

    var testDescription: String { "\(command.name.rawValue) \(from.rawValue) → \(to.rawValue) by \(role.rawValue)" }
}

let allowedCases: [AllowedCase] = {
    let a = Fixture.analyst.id
    let b = Fixture.otherAnalyst.id
    var cases: [AllowedCase] = [
        AllowedCase(.take, .queued, by: Fixture.analyst, to: .inWorkup, as: .analyst, assignee: a),
        AllowedCase(
            .assign(to: Fixture.otherAnalyst), .queued, by: Fixture.supervisor, to: .inWorkup, as: .supervisor, assignee: b),
        AllowedCase(
            .assign(to: Fixture.otherAnalyst), .inWorkup, by: Fixture.supervisor, reason: "workload", to: .inWorkup,
            as: .supervisor, assignee: b),
        AllowedCase(
            .assign(to: Fixture.otherAnalyst), .returned, by: Fixture.supervisor, reason: "analyst on leave", to: .returned,
            as: .supervisor, assignee: b),
        AllowedCase(
            .release, .inWorkup, by: Fixture.analyst, reason: "conflict of interest", to: .queued, as: .analyst, assignee: nil),
        AllowedCase(.release, .returned, by: Fixture.analyst, reason: "out of office", to: .queued, as: .analyst, assignee: nil),
        AllowedCase(
            .release, .inWorkup, by: Fixture.supervisor, reason: "rebalancing", to: .queued, as: .supervisor, assignee: nil),
        AllowedCase(.submit, .inWorkup, by: Fixture.analyst, to: .submitted, as: .analyst, assignee: a),
        AllowedCase(
            .return, .submitted, by: Fixture.reviewer, reason: "address unconfirmed", to: .returned, as: .reviewer, assignee: a),
        AllowedCase(.resume, .returned, by: Fixture.analyst, to: .inWorkup, as: .analyst, assignee: a),
        AllowedCase(.approve(.viableRefer), .submitted, by: Fixture.reviewer, to: .referred, as: .reviewer, assignee: nil),
        AllowedCase(.approve(.viableHold), .submitted, by: Fixture.reviewer, to: .held, as: .reviewer, assignee: nil),
        AllowedCase(.approve(.nonViablePending), .submitted, by: Fixture.reviewer, to: .pending, as: .reviewer, assignee: nil),
        AllowedCase(.caseClosed, .referred, by: Fixture.caseFeed, to: .closed, as: .service, assignee: nil),
        AllowedCase(.reopen(changed: ["departure"]), .pending, by: Fixture.arrivalFeed, to: .queued, as: .service, assignee: nil),
        AllowedCase(.reopen(changed: ["address"]), .held, by: Fixture.arrivalFeed, to: .queued, as: .service, assignee: nil),
        AllowedCase(.reopen(changed: ["status"]), .pending, by: Fixture.supervisor, to: .queued, as: .supervisor, assignee: nil),
        AllowedCase(.reopen(changed: ["status"]), .held, by: Fixture.supervisor, to: .queued, as: .supervisor, assignee: nil),
    ]
    let reviewerReasons: [ClosureReason] = [
        .departed, .statusAdjusted, .deceased, .naturalised, .removed, .duplicate, .insufficientInformation,
    ]
    for reason in reviewerReasons {
        cases.append(
            AllowedCase(
                .approve(.nonViableClose(reason)), .submitted, by: Fixture.reviewer, to: .closed, as: .reviewer, assignee: nil))
    }
    for from: LeadState in [.queued, .inWorkup, .submitted, .returned, .held, .pending] {
        cases.append(
            AllowedCase(
                .close(.duplicate), from, by: Fixture.supervisor, reason: "same lead as L-000122", to: .closed, as: .supervisor,
                assignee: nil))
    }
    return cases
}()

@Suite("Allowed transitions")
struct AllowedTransitionTests {
    @Test(arguments: allowedCases)
    func allowedTransitionIsRecordedWithWhoWhenAndWhy(_ c: AllowedCase) throws {
        let before = c.lead ?? Fixture.lead(c.from)
        let when = Fixture.utc("2026-03-11T08:15:00Z")
        let outcome = try Fixture.apply(c.command, by: c.actor, on: before, reason: c.reason, at: when)

        #expect(outcome.lead.state == c.to)
        #expect(outcome.lead.version == before.version + 1)
        #expect(outcome.lead.assignee == c.assignee)
        #expect(outcome.lead.leadID == before.leadID)

        let t = outcome.transition
        #expect(t.from == c.from)
        #expect(t.to == c.to)
        #expect(t.command == c.command.name)
        #expect(t.actor == c.actor.id)
        #expect(t.role == c.role)
        #expect(t.at == when)
        #expect(t.reason == c.reason)
        #expect(t.version == before.version + 1)
        #expect(t.previousAssignee == before.assignee)
        #expect(t.assignee == c.assignee)
    }

    @Test func theTestTableCoversEveryCommand() {
        #expect(Set(allowedCases.map(\.command.name)) == Set(CommandName.allCases))
    }

    @Test func enteringANewStateRestartsItsClockAndStayingKeepsIt() throws {
        let inWorkup = Fixture.lead(.inWorkup)
        let reassigned = try Fixture.apply(
            .assign(to: Fixture.otherAnalyst), by: Fixture.supervisor, on: inWorkup, reason: "workload")
        #expect(reassigned.lead.stateEnteredAt == Fixture.created)

        let submitted = try Fixture.apply(.submit, by: Fixture.analyst, on: inWorkup, at: Fixture.now)
        #expect(submitted.lead.stateEnteredAt == Fixture.now)
    }

    @Test func approvalRecordsTheDispositionAndClosureReason() throws {
        let outcome = try Fixture.apply(
            .approve(.nonViableClose(.naturalised)), by: Fixture.reviewer, on: Fixture.lead(.submitted))
        #expect(outcome.transition.disposition == .nonViableClose(.naturalised))
        #expect(outcome.transition.closureReason == .naturalised)
        #expect(outcome.lead.closureReason == .naturalised)
        #expect(outcome.lead.disposition == .nonViableClose(.naturalised))

        let held = try Fixture.apply(.approve(.viableHold), by: Fixture.reviewer, on: Fixture.lead(.submitted))
        #expect(held.transition.closureReason == nil)
        #expect(held.lead.disposition == .viableHold)
    }

    @Test func caseClosedClosesWithTheCaseClosedReason() throws {
        let outcome = try Fixture.apply(.caseClosed, by: Fixture.caseFeed, on: Fixture.lead(.referred))
        #expect(outcome.lead.closureReason == .caseClosed)
        #expect(outcome.transition.closureReason == .caseClosed)
    }

    @Test func supervisorClosureRecordsDuplicate() throws {
        let outcome = try Fixture.apply(
            .close(.duplicate), by: Fixture.supervisor, on: Fixture.lead(.held), reason: "same as L-000122")
        #expect(outcome.lead.closureReason == .duplicate)
        #expect(outcome.transition.closureReason == .duplicate)
        #expect(outcome.lead.disposition == nil)
    }

    @Test func reopenStartsANewWorkupFlaggedWithWhatChanged() throws {
        let pending = Fixture.lead(.pending)
        let outcome = try Fixture.apply(
            .reopen(changed: ["departure", "address.current", "departure"]), by: Fixture.arrivalFeed, on: pending)
        #expect(outcome.transition.changed == ["departure", "address.current"])
        #expect(outcome.lead.changed == ["departure", "address.current"])
        #expect(outcome.lead.workupParticipants.isEmpty)
        #expect(outcome.lead.submittedBy == nil)
        #expect(outcome.lead.disposition == nil)
    }

    @Test func theNextDispositionClearsTheChangeFlags() throws {
        var lead = Fixture.lead(.submitted)
        lead.changed = ["departure"]
        let outcome = try Fixture.apply(.approve(.viableHold), by: Fixture.reviewer, on: lead)
        #expect(outcome.lead.changed.isEmpty)
    }

    @Test func reasonsAreTrimmedAndBlankOptionalReasonsDropped() throws {
        let returned = try Fixture.apply(
            .return, by: Fixture.reviewer, on: Fixture.lead(.submitted), reason: "  check the visa dates \n")
        #expect(returned.transition.reason == "check the visa dates")
        let taken = try Fixture.apply(.take, by: Fixture.analyst, on: Fixture.lead(.queued), reason: "   ")
        #expect(taken.transition.reason == nil)
    }

    @Test func submitRecordsTheSubmitterAsAParticipant() throws {
        let lead = Fixture.lead(.inWorkup, participants: [])
        let outcome = try Fixture.apply(.submit, by: Fixture.analyst, on: lead)
        #expect(outcome.lead.submittedBy == Fixture.analyst.id)
        #expect(outcome.lead.workupParticipants.contains(Fixture.analyst.id))
    }

    @Test func everyAssigneeOfTheWorkupBecomesAParticipant() throws {
        let taken = try Fixture.apply(.take, by: Fixture.analyst, on: Fixture.lead(.queued))
        let reassigned = try Fixture.apply(
            .assign(to: Fixture.otherAnalyst), by: Fixture.supervisor, on: taken.lead, reason: "leave")
        #expect(reassigned.lead.workupParticipants == [Fixture.analyst.id, Fixture.otherAnalyst.id])
        #expect(reassigned.transition.previousAssignee == Fixture.analyst.id)
        #expect(reassigned.transition.assignee == Fixture.otherAnalyst.id)
    }
}
