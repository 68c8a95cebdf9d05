import Testing
import WorkflowCore

@Suite("Reasons and command data")
struct CommandDataTests {
    // MARK: Reasons

    struct ReasonCase: CustomTestStringConvertible, Sendable {
        let command: WorkflowCommand
        let lead: LeadWorkflow
        let actor: Requester
        var testDescription: String { "\(command.name.rawValue) in \(lead.state.rawValue)" }
    }

    static let needsReason: [ReasonCase] = [
        ReasonCase(command: .return, lead: Fixture.lead(.submitted), actor: Fixture.reviewer),
        ReasonCase(command: .release, lead: Fixture.lead(.inWorkup), actor: Fixture.analyst),
        ReasonCase(command: .release, lead: Fixture.lead(.returned), actor: Fixture.supervisor),
        ReasonCase(command: .close(.duplicate), lead: Fixture.lead(.queued), actor: Fixture.supervisor),
        ReasonCase(command: .close(.duplicate), lead: Fixture.lead(.pending), actor: Fixture.supervisor),
        ReasonCase(command: .assign(to: Fixture.otherAnalyst), lead: Fixture.lead(.inWorkup), actor: Fixture.supervisor),
        ReasonCase(command: .assign(to: Fixture.otherAnalyst), lead: Fixture.lead(.returned), actor: Fixture.supervisor),
    ]

    @Test(arguments: Self.needsReason, [nil, "", "   ", "\n\t "])
    func aMissingOrBlankReasonIsRefused(_ c: ReasonCase, _ reason: String?) {
        let error = Fixture.refusal(c.command, by: c.actor, on: c.lead, reason: reason)
        #expect(error?.code == .missingReason)
        #expect(error?.code.httpStatus == 422)
    }

    @Test(arguments: Self.needsReason)
    func theSameCommandWithAReasonIsAccepted(_ c: ReasonCase) throws {
        let outcome = try Fixture.apply(c.command, by: c.actor, on: c.lead, reason: "a reason")
        #expect(outcome.transition.reason == "a reason")
    }

    static let needsNoReason: [ReasonCase] = [
        ReasonCase(command: .take, lead: Fixture.lead(.queued), actor: Fixture.analyst),
        ReasonCase(command: .assign(to: Fixture.otherAnalyst), lead: Fixture.lead(.queued), actor: Fixture.supervisor),
        ReasonCase(command: .submit, lead: Fixture.lead(.inWorkup), actor: Fixture.analyst),
        ReasonCase(command: .resume, lead: Fixture.lead(.returned), actor: Fixture.analyst),
        ReasonCase(command: .approve(.nonViablePending), lead: Fixture.lead(.submitted), actor: Fixture.reviewer),
        ReasonCase(command: .caseClosed, lead: Fixture.lead(.referred), actor: Fixture.caseFeed),
        ReasonCase(command: .reopen(changed: ["departure"]), lead: Fixture.lead(.held), actor: Fixture.arrivalFeed),
    ]

    @Test(arguments: Self.needsNoReason)
    func commandsCarryingTheirWhyInTheirDataNeedNoReason(_ c: ReasonCase) throws {
        let outcome = try Fixture.apply(c.command, by: c.actor, on: c.lead, reason: nil)
        #expect(outcome.transition.reason == nil)
    }

    // MARK: Dispositions and closure reasons

    @Test func aReviewerMayNotCloseAsCaseClosed() {
        let error = Fixture.refusal(.approve(.nonViableClose(.caseClosed)), by: Fixture.reviewer, on: Fixture.lead(.submitted))
        #expect(error?.code == .invalidDisposition)
        #expect(error?.code.httpStatus == 422)
    }

    @Test(arguments: [
        ClosureReason.departed, .statusAdjusted, .deceased, .naturalised, .removed, .insufficientInformation, .caseClosed,
    ])
    func aSupervisorClosesOnlyDuplicates(_ reason: ClosureReason) {
        let error = Fixture.refusal(.close(reason), by: Fixture.supervisor, on: Fixture.lead(.inWorkup), reason: "admin")
        #expect(error?.code == .invalidClosureReason)
    }

    @Test func theClosureReasonIsCheckedBeforeTheReasonText() {
        let error = Fixture.refusal(.close(.deceased), by: Fixture.supervisor, on: Fixture.lead(.queued), reason: nil)
        #expect(error?.code == .invalidClosureReason)
    }

    // MARK: Assignment

    @Test func leadsAreAssignedOnlyToAnalysts() {
        let error = Fixture.refusal(.assign(to: Fixture.reviewer), by: Fixture.supervisor, on: Fixture.lead(.queued))
        #expect(error?.code == .assigneeNotAnalyst)
        #expect(error?.code.httpStatus == 422)
    }

    @Test func reassigningToTheCurrentAssigneeIsRefused() {
        let error = Fixture.refusal(
            .assign(to: Fixture.analyst), by: Fixture.supervisor, on: Fixture.lead(.inWorkup), reason: "again")
        #expect(error?.code == .alreadyAssigned)
        #expect(error?.code.httpStatus == 409)
    }

    @Test func aSupervisorWhoIsAnAnalystMayAssignThemself() throws {
        let lead = Requester(id: "u-lead-analyst", roles: [.analyst, .supervisor])
        let outcome = try Fixture.apply(.assign(to: lead), by: lead, on: Fixture.lead(.queued))
        #expect(outcome.lead.assignee == lead.id)
        #expect(outcome.transition.role == .supervisor)
    }

    // MARK: Change flags

    @Test func aReopenMustSayWhatChanged() {
        let error = Fixture.refusal(.reopen(changed: []), by: Fixture.arrivalFeed, on: Fixture.lead(.pending))
        #expect(error?.code == .missingChanges)
    }

    @Test(arguments: ["", "new address: 12 Elm St", "1departure", "départ", String(repeating: "a", count: 65), "dob=1990-01-01"])
    func changeFlagsAreFieldNamesNotValues(_ flag: String) {
        let error = Fixture.refusal(.reopen(changed: ["departure", flag]), by: Fixture.arrivalFeed, on: Fixture.lead(.held))
        #expect(error?.code == .invalidChanges)
    }

    @Test(arguments: [
        "departure", "address.current", "visa_status", "class-of-admission", "a", String(repeating: "a", count: 64),
    ])
    func fieldNamesAreValidChangeFlags(_ flag: String) throws {
        let outcome = try Fixture.apply(.reopen(changed: [flag]), by: Fixture.arrivalFeed, on: Fixture.lead(.held))
        #expect(outcome.transition.changed == [flag])
    }
}
