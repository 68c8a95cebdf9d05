import Testing
import WorkflowCore

/// Which roles may issue each command, as the design states them.
let permittedRoles: [CommandName: Set<WorkflowRole>] = [
    .take: [.analyst],
    .assign: [.supervisor],
    .release: [.analyst, .supervisor],
    .submit: [.analyst],
    .return: [.reviewer],
    .resume: [.analyst],
    .approve: [.reviewer],
    .caseClosed: [.service],
    .reopen: [.service, .supervisor],
    .close: [.supervisor],
]

struct RoleCommandPair: CustomTestStringConvertible, Sendable {
    let command: CommandName
    let role: WorkflowRole
    var testDescription: String { "\(command.rawValue) as \(role.rawValue)" }
}

let roleCommandPairs = CommandName.allCases.flatMap { command in
    WorkflowRole.allCases.map { RoleCommandPair(command: command, role: $0) }
}

@Suite("WorkflowRole guards")
struct RoleGuardTests {
    /// A lead on which the command succeeds for any permitted single-role actor `actor`.
    func lead(for command: CommandName, actor: Requester) -> LeadWorkflow {
        switch command {
        case .take, .assign, .close: Fixture.lead(.queued)
        case .release, .submit: Fixture.lead(.inWorkup, assignee: actor.id, participants: [actor.id])
        case .resume: Fixture.lead(.returned, assignee: actor.id, participants: [actor.id], submittedBy: actor.id)
        case .return, .approve: Fixture.lead(.submitted)
        case .caseClosed: Fixture.lead(.referred)
        case .reopen: Fixture.lead(.pending)
        }
    }

    @Test(arguments: roleCommandPairs)
    func onlyPermittedRolesMayIssueACommand(_ pair: RoleCommandPair) throws {
        let actor = Requester(id: "u-only-\(pair.role.rawValue)", roles: [pair.role])
        let lead = lead(for: pair.command, actor: actor)
        let request = Fixture.request(Fixture.example(pair.command), by: actor, on: lead, reason: "because")
        if permittedRoles[pair.command]!.contains(pair.role) {
            let outcome = try LeadStateMachine.apply(request, to: lead)
            #expect(outcome.transition.role == pair.role)
        } else {
            #expect(throws: WorkflowError.self) { try LeadStateMachine.apply(request, to: lead) }
            let error = Fixture.refusal(Fixture.example(pair.command), by: actor, on: lead, reason: "because")
            #expect(error?.code == .forbiddenRole)
            #expect(error?.roles == [pair.role])
            #expect(error?.code.httpStatus == 403)
        }
    }

    @Test(arguments: CommandName.allCases)
    func anAccountWithoutRolesMayDoNothing(_ command: CommandName) {
        let nobody = Requester(id: "u-nobody", roles: [])
        let lead = lead(for: command, actor: nobody)
        #expect(Fixture.refusal(Fixture.example(command), by: nobody, on: lead, reason: "because")?.code == .forbiddenRole)
    }

    @Test(arguments: CommandName.allCases)
    func theRulesTableAgreesWithTheDesign(_ command: CommandName) {
        #expect(Set(CommandRules.roles(for: command)) == permittedRoles[command])
    }

    // MARK: Supervisors and review

    @Test func aSupervisorAloneMayNotReview() {
        let submitted = Fixture.lead(.submitted)
        #expect(Fixture.refusal(.approve(.viableRefer), by: Fixture.supervisor, on: submitted)?.code == .forbiddenRole)
        #expect(Fixture.refusal(.return, by: Fixture.supervisor, on: submitted, reason: "why")?.code == .forbiddenRole)
    }

    @Test func aSupervisorGivenTheReviewerRoleReviewsAsReviewer() throws {
        let both = Requester(id: "u-sup-rev", roles: [.supervisor, .reviewer])
        let outcome = try Fixture.apply(.approve(.viableRefer), by: both, on: Fixture.lead(.submitted))
        #expect(outcome.transition.role == .reviewer)
    }

    @Test func aSupervisorWhoAssignedTheLeadMayStillReviewIt() throws {
        let both = Requester(id: "u-sup-rev", roles: [.supervisor, .reviewer])
        let assigned = try Fixture.apply(.assign(to: Fixture.analyst), by: both, on: Fixture.lead(.queued))
        let submitted = try Fixture.apply(.submit, by: Fixture.analyst, on: assigned.lead)
        let approved = try Fixture.apply(.approve(.viableHold), by: both, on: submitted.lead)
        #expect(approved.lead.state == .held)
    }

    // MARK: Who the actor is

    @Test func onlyTheAssigneeSubmits() {
        let lead = Fixture.lead(.inWorkup)
        let error = Fixture.refusal(.submit, by: Fixture.otherAnalyst, on: lead)
        #expect(error?.code == .notAssignee)
        #expect(error?.code.httpStatus == 403)
    }

    @Test func onlyTheAssigneeResumes() {
        #expect(Fixture.refusal(.resume, by: Fixture.otherAnalyst, on: Fixture.lead(.returned))?.code == .notAssignee)
    }

    @Test func aSupervisorMayNotSubmitForTheAnalyst() {
        let error = Fixture.refusal(.submit, by: Fixture.supervisor, on: Fixture.lead(.inWorkup))
        #expect(error?.code == .forbiddenRole)
    }

    @Test func anAnalystReleasesOnlyTheirOwnLead() {
        let error = Fixture.refusal(.release, by: Fixture.otherAnalyst, on: Fixture.lead(.inWorkup), reason: "not mine")
        #expect(error?.code == .notAssignee)
    }

    @Test func anAnalystWhoIsAlsoSupervisorReleasesOthersAsSupervisor() throws {
        let lead = Requester(id: "u-lead-analyst", roles: [.analyst, .supervisor])
        let others = try Fixture.apply(.release, by: lead, on: Fixture.lead(.inWorkup), reason: "rebalance")
        #expect(others.transition.role == .supervisor)
        let own = try Fixture.apply(.release, by: lead, on: Fixture.lead(.inWorkup, assignee: lead.id), reason: "leave")
        #expect(own.transition.role == .analyst)
    }

    @Test func anAssigneeWhoLostTheAnalystRoleCannotSubmit() {
        let demoted = Requester(id: Fixture.analyst.id, roles: [.reviewer])
        #expect(Fixture.refusal(.submit, by: demoted, on: Fixture.lead(.inWorkup))?.code == .forbiddenRole)
    }

    @Test func aFeedThatIsAlsoSupervisorReopensAsService() throws {
        let outcome = try Fixture.apply(
            .reopen(changed: ["departure"]), by: Requester(id: "svc", roles: [.service, .supervisor]), on: Fixture.lead(.held))
        #expect(outcome.transition.role == .service)
    }
}
