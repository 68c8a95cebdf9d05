import Testing
import WorkflowCore

/// The states each command applies in, as the design (docs/state-machine.md) states them.
let allowedSources: [CommandName: Set<LeadState>] = [
    .take: [.queued],
    .assign: [.queued, .inWorkup, .returned],
    .release: [.inWorkup, .returned],
    .submit: [.inWorkup],
    .return: [.submitted],
    .resume: [.returned],
    .approve: [.submitted],
    .caseClosed: [.referred],
    .reopen: [.pending, .held],
    .close: [.queued, .inWorkup, .submitted, .returned, .held, .pending],
]

struct StateCommandPair: CustomTestStringConvertible, Sendable {
    let command: CommandName
    let state: LeadState
    var testDescription: String { "\(command.rawValue) in \(state.rawValue)" }
}

let forbiddenPairs: [StateCommandPair] = CommandName.allCases.flatMap { command in
    LeadState.allCases.filter { !allowedSources[command]!.contains($0) }.map { StateCommandPair(command: command, state: $0) }
}

@Suite("Forbidden transitions")
struct ForbiddenTransitionTests {
    @Test func everyStateAndCommandPairIsEitherAllowedOrForbidden() {
        #expect(allowedSources.count == CommandName.allCases.count)
        // 10 commands × 8 states, of which 19 pairs are allowed.
        #expect(forbiddenPairs.count == 61)
    }

    /// The actor holds every role and is the lead's assignee, and the command's data and
    /// reason are valid: only the state can refuse it.
    @Test(arguments: forbiddenPairs)
    func commandInAStateItDoesNotApplyInIsWrongState(_ pair: StateCommandPair) {
        let lead = Fixture.lead(pair.state, assignee: Fixture.everyone.id, participants: [], submittedBy: .some(nil))
        let error = Fixture.refusal(Fixture.example(pair.command), by: Fixture.everyone, on: lead, reason: "because")
        #expect(error?.code == .wrongState)
        #expect(error?.state == pair.state)
        #expect(error?.command == pair.command)
        #expect(error?.code.httpStatus == 409)
    }

    @Test(arguments: CommandName.allCases)
    func nothingLeavesClosed(_ command: CommandName) {
        let error = Fixture.refusal(Fixture.example(command), by: Fixture.everyone, on: Fixture.lead(.closed), reason: "because")
        #expect(error?.code == .wrongState)
    }

    @Test(arguments: CommandName.allCases)
    func theRulesTableAgreesWithTheDesign(_ command: CommandName) {
        #expect(CommandRules.sources(of: command) == allowedSources[command])
    }

    @Test func referredLeadsAreNotClosedBySupervisors() {
        let error = Fixture.refusal(.close(.duplicate), by: Fixture.supervisor, on: Fixture.lead(.referred), reason: "dup")
        #expect(error?.code == .wrongState)
    }
}
