import Testing
import WorkflowCore

@Suite("Side-effect intents")
struct SideEffectTests {
    let subject = Fixture.subjectID

    func effects(
        _ command: WorkflowCommand, by actor: Requester, on lead: LeadWorkflow, reason: String? = nil
    ) throws -> Set<SideEffect> {
        let outcome = try Fixture.apply(command, by: actor, on: lead, reason: reason)
        #expect(Set(outcome.effects).count == outcome.effects.count, "no intent twice")
        return Set(outcome.effects)
    }

    @Test func viableReferralEmitsAReferral() throws {
        let effects = try effects(.approve(.viableRefer), by: Fixture.reviewer, on: Fixture.lead(.submitted))
        #expect(effects == [.emitReferral(leadID: Fixture.leadID, subjectID: subject), .stopSLAClock])
    }

    @Test func holdingEmitsNothingButStopsTheClock() throws {
        #expect(try effects(.approve(.viableHold), by: Fixture.reviewer, on: Fixture.lead(.submitted)) == [.stopSLAClock])
    }

    @Test(arguments: [ClosureReason.departed, .statusAdjusted, .deceased, .naturalised, .removed, .insufficientInformation])
    func aNonViableClosureStopsUpdatesAndAsksProvidersToDelete(_ reason: ClosureReason) throws {
        let effects = try effects(.approve(.nonViableClose(reason)), by: Fixture.reviewer, on: Fixture.lead(.submitted))
        #expect(
            effects == [
                .emitStopUpdates(subjectID: subject, reason: reason), .requestProviderDeletion(subjectID: subject), .stopSLAClock,
            ])
    }

    @Test func closingADuplicateSaysNothingAboutThePerson() throws {
        let reviewed = try effects(.approve(.nonViableClose(.duplicate)), by: Fixture.reviewer, on: Fixture.lead(.submitted))
        #expect(reviewed == [.stopSLAClock])
        let administrative = try effects(.close(.duplicate), by: Fixture.supervisor, on: Fixture.lead(.held), reason: "dup")
        #expect(administrative.isEmpty)
    }

    @Test func pendingAsksProvidersToDeleteButKeepsUpdatesComing() throws {
        let effects = try effects(.approve(.nonViablePending), by: Fixture.reviewer, on: Fixture.lead(.submitted))
        #expect(effects == [.requestProviderDeletion(subjectID: subject), .stopSLAClock])
    }

    @Test func aClosedCaseStopsUpdates() throws {
        let effects = try effects(.caseClosed, by: Fixture.caseFeed, on: Fixture.lead(.referred))
        #expect(effects == [.emitStopUpdates(subjectID: subject, reason: .caseClosed)])
    }

    struct ClockCase: CustomTestStringConvertible, Sendable {
        let command: WorkflowCommand
        let lead: LeadWorkflow
        let actor: Requester
        let reason: String?
        let expected: Set<SideEffect>
        var testDescription: String { "\(command.name.rawValue) from \(lead.state.rawValue)" }
    }

    static let clockCases: [ClockCase] = [
        ClockCase(
            command: .take, lead: Fixture.lead(.queued), actor: Fixture.analyst, reason: nil,
            expected: [.startSLAClock(.inWorkup)]),
        ClockCase(
            command: .assign(to: Fixture.otherAnalyst), lead: Fixture.lead(.queued), actor: Fixture.supervisor, reason: nil,
            expected: [.startSLAClock(.inWorkup)]),
        ClockCase(
            command: .assign(to: Fixture.otherAnalyst), lead: Fixture.lead(.inWorkup), actor: Fixture.supervisor, reason: "r",
            expected: []),
        ClockCase(
            command: .submit, lead: Fixture.lead(.inWorkup), actor: Fixture.analyst, reason: nil,
            expected: [.startSLAClock(.submitted)]),
        ClockCase(
            command: .return, lead: Fixture.lead(.submitted), actor: Fixture.reviewer, reason: "r",
            expected: [.startSLAClock(.returned)]),
        ClockCase(
            command: .resume, lead: Fixture.lead(.returned), actor: Fixture.analyst, reason: nil,
            expected: [.startSLAClock(.inWorkup)]),
        ClockCase(
            command: .release, lead: Fixture.lead(.inWorkup), actor: Fixture.analyst, reason: "r",
            expected: [.startSLAClock(.queued)]),
        ClockCase(
            command: .reopen(changed: ["departure"]), lead: Fixture.lead(.pending), actor: Fixture.arrivalFeed, reason: nil,
            expected: [.startSLAClock(.queued)]),
        ClockCase(
            command: .close(.duplicate), lead: Fixture.lead(.inWorkup), actor: Fixture.supervisor, reason: "r",
            expected: [.stopSLAClock]),
    ]

    @Test(arguments: Self.clockCases)
    func clocksStartOnEnteringAClockedStateAndStopOnLeavingForAnUnclockedOne(_ c: ClockCase) throws {
        #expect(try effects(c.command, by: c.actor, on: c.lead, reason: c.reason) == c.expected)
    }
}
