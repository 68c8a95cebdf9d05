import Foundation
import WorkflowCore

/// Invented accounts and leads for the tests. No real person's data.
enum Fixture {
    static let analyst = Requester(id: "u-analyst-ana", roles: [.analyst])
    static let otherAnalyst = Requester(id: "u-analyst-ben", roles: [.analyst])
    static let reviewer = Requester(id: "u-reviewer-rae", roles: [.reviewer])
    /// Holds both roles: may work leads up and review others' leads, never their own.
    static let dual = Requester(id: "u-dual-dee", roles: [.analyst, .reviewer])
    static let supervisor = Requester(id: "u-supervisor-sol", roles: [.supervisor])
    static let caseFeed = Requester(id: "service:case-management", roles: [.service])
    static let arrivalFeed = Requester(id: "service:arrival-departure", roles: [.service])
    /// Holds every role that issues workflow commands and has worked up nothing: passes every
    /// role and actor guard, so that only the state can refuse it.
    static let everyone = Requester(id: "u-everyone-eve", roles: Set(WorkflowRole.allCases))

    static let leadID = "L-000123"
    static let subjectID = "S-000456"
    static let created = utc("2026-03-02T09:00:00Z")
    static let now = utc("2026-03-10T14:30:00Z")

    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let date = formatter.date(from: text) else { fatalError("bad fixture date \(text)") }
        return date
    }

    /// A coherent lead in `state`, worked up by ``analyst`` where the state implies a workup.
    static func lead(
        _ state: LeadState, assignee: String?? = nil, participants: Set<String>? = nil, submittedBy: String?? = nil,
        version: Int = 7
    ) -> LeadWorkflow {
        let worked = state != .queued
        let submitted = [.submitted, .returned, .referred, .held, .pending, .closed].contains(state)
        let holding = [.inWorkup, .submitted, .returned].contains(state)
        let disposition: Disposition? =
            switch state {
            case .referred: .viableRefer
            case .held: .viableHold
            case .pending: .nonViablePending
            case .closed: .nonViableClose(.departed)
            default: nil
            }
        return LeadWorkflow(
            leadID: leadID, subjectID: subjectID, state: state, version: version, stateEnteredAt: created,
            assignee: assignee ?? (holding ? analyst.id : nil),
            workupParticipants: participants ?? (worked ? [analyst.id] : []),
            submittedBy: submittedBy ?? (submitted ? analyst.id : nil), disposition: disposition,
            closureReason: state == .closed ? .departed : nil)
    }

    static func request(
        _ command: WorkflowCommand, by actor: Requester, on lead: LeadWorkflow, reason: String? = nil, at: Date = now
    ) -> CommandRequest {
        CommandRequest(command, by: actor, expectedVersion: lead.version, at: at, reason: reason)
    }

    /// Applies a command that the test expects to be accepted.
    static func apply(
        _ command: WorkflowCommand, by actor: Requester, on lead: LeadWorkflow, reason: String? = nil, at: Date = now
    ) throws -> WorkflowOutcome {
        try LeadStateMachine.apply(request(command, by: actor, on: lead, reason: reason, at: at), to: lead)
    }

    /// The error of a command the test expects to be refused; `nil` if it was accepted.
    static func refusal(
        _ command: WorkflowCommand, by actor: Requester, on lead: LeadWorkflow, reason: String? = nil,
        expectedVersion: Int? = nil
    ) -> WorkflowError? {
        var request = request(command, by: actor, on: lead, reason: reason)
        if let expectedVersion { request.expectedVersion = expectedVersion }
        do {
            _ = try LeadStateMachine.apply(request, to: lead)
            return nil
        } catch {
            return error
        }
    }

    /// A valid example of each command, for tables that range over command names.
    static func example(_ name: CommandName) -> WorkflowCommand {
        switch name {
        case .take: .take
        case .assign: .assign(to: otherAnalyst)
        case .release: .release
        case .submit: .submit
        case .return: .return
        case .resume: .resume
        case .approve: .approve(.viableRefer)
        case .caseClosed: .caseClosed
        case .reopen: .reopen(changed: ["departure"])
        case .close: .close(.duplicate)
        }
    }
}
