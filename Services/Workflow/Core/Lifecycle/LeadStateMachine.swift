import Foundation

/// The lead lifecycle as an explicit state machine: every command is guarded (role, state,
/// who the actor is, the command's data) and either yields a ``WorkflowOutcome`` or throws a
/// ``WorkflowError``.
///
/// Guards are checked in a fixed order, so that a refused command always gets the same error:
/// 1. role: the actor holds a role that may issue the command (``CommandRules/roles(for:)``),
///    else `forbiddenRole`. First, so that someone without any right learns nothing else;
/// 2. version: `expectedVersion` equals the lead's, else `versionConflict`. Before the state,
///    because a stale client's idea of the state is what is out of date;
/// 3. state: the command applies in the lead's state (``CommandRules/sources(of:)``), else
///    `wrongState`;
/// 4. the actor: the assignee for submit, resume and an analyst's release (`notAssignee`);
///    no one who worked the lead up reviews it (`selfReview`);
/// 5. the command's data (`invalidDisposition`, `invalidClosureReason`,
///    `assigneeNotAnalyst`, `alreadyAssigned`, `missingChanges`, `invalidChanges`), then the
///    reason (`missingReason`).
public enum LeadStateMachine {
    /// Applies one command to a lead.
    /// - Returns: the lead after the command, its transition, and the side effects to carry out.
    /// - Throws: ``WorkflowError`` naming the broken rule; the lead is then unchanged.
    public static func apply(_ request: CommandRequest, to lead: LeadWorkflow) throws(WorkflowError) -> WorkflowOutcome {
        let name = request.command.name
        let actor = request.actor
        func refuse(_ code: WorkflowError.Code, _ message: String) -> WorkflowError {
            WorkflowError(code, command: name, state: lead.state, roles: actor.roles, message: message)
        }

        let permitted = CommandRules.roles(for: name)
        guard permitted.contains(where: actor.holds) else {
            throw refuse(.forbiddenRole, "requires the role " + permitted.map(\.rawValue).joined(separator: " or "))
        }
        guard request.expectedVersion == lead.version else {
            throw refuse(
                .versionConflict,
                "the lead changed since it was read (expected version \(request.expectedVersion), current \(lead.version))")
        }
        guard CommandRules.sources(of: name).contains(lead.state) else {
            let allowed = LeadState.allCases.filter(CommandRules.sources(of: name).contains).map(\.rawValue)
            throw refuse(.wrongState, "applies only in state " + allowed.joined(separator: " or "))
        }

        let role = try actingRole(for: request, on: lead, refuse: refuse)
        try checkData(of: request, on: lead, refuse: refuse)
        let reason = trimmed(request.reason)
        if CommandRules.requiresReason(name, in: lead.state) && reason == nil {
            throw refuse(.missingReason, "a reason is required")
        }
        return outcome(of: request, on: lead, role: role, reason: reason)
    }

    /// Picks the role the actor acts as and checks who the actor is.
    private static func actingRole(
        for request: CommandRequest, on lead: LeadWorkflow, refuse: (WorkflowError.Code, String) -> WorkflowError
    ) throws(WorkflowError) -> WorkflowRole {
        let actor = request.actor
        let isAssignee = lead.assignee == actor.id
        switch request.command {
        case .take: return .analyst
        case .assign, .close: return .supervisor
        case .caseClosed: return .service
        case .reopen: return actor.holds(.service) ? .service : .supervisor
        case .submit, .resume:
            guard isAssignee else { throw refuse(.notAssignee, "only the lead's assignee may do this") }
            return .analyst
        case .release:
            if isAssignee && actor.holds(.analyst) { return .analyst }
            guard actor.holds(.supervisor) else {
                throw refuse(.notAssignee, "only the lead's assignee or a supervisor may release it")
            }
            return .supervisor
        case .return, .approve:
            let workedUp = lead.workupParticipants.union(lead.submittedBy.map { [$0] } ?? [])
            guard !workedUp.contains(actor.id) else {
                throw refuse(.selfReview, "a reviewer may not review a lead they worked up")
            }
            return .reviewer
        }
    }

    /// Checks the command's own data.
    private static func checkData(
        of request: CommandRequest, on lead: LeadWorkflow, refuse: (WorkflowError.Code, String) -> WorkflowError
    ) throws(WorkflowError) {
        switch request.command {
        case .approve(.nonViableClose(let reason)) where !reason.isReviewerChoice:
            throw refuse(.invalidDisposition, "closure reason \(reason.rawValue) is reported by case management, not chosen")
        case .close(let reason) where !ClosureReason.administrative.contains(reason):
            let allowed = ClosureReason.allCases.filter(ClosureReason.administrative.contains).map(\.rawValue)
            throw refuse(
                .invalidClosureReason,
                "a supervisor may close only as " + allowed.joined(separator: " or ") + "; other reasons need review")
        case .assign(let target):
            guard target.holds(.analyst) else { throw refuse(.assigneeNotAnalyst, "the assignee must hold the analyst role") }
            guard target.id != lead.assignee else {
                throw refuse(.alreadyAssigned, "the lead is already assigned to that analyst")
            }
        case .reopen(let changed):
            guard !changed.isEmpty else { throw refuse(.missingChanges, "a reopen must say what changed") }
            guard changed.allSatisfy(CommandRules.isValidChangeFlag) else {
                throw refuse(.invalidChanges, "change flags must be field names, not values")
            }
        default: break
        }
    }

    /// Builds the accepted outcome; every guard has passed.
    private static func outcome(
        of request: CommandRequest, on lead: LeadWorkflow, role: WorkflowRole, reason: String?
    ) -> WorkflowOutcome {
        var next = lead
        var effects: [SideEffect] = []
        var changedFlags: [String]?
        var disposition: Disposition?

        switch request.command {
        case .take:
            next.state = .inWorkup
            next.assignee = request.actor.id
            next.workupParticipants.insert(request.actor.id)
        case .assign(let target):
            // A first assignment starts the workup; a reassignment keeps the state (and its clock).
            next.state = lead.state == .queued ? .inWorkup : lead.state
            next.assignee = target.id
            next.workupParticipants.insert(target.id)
        case .release:
            next.state = .queued
            next.assignee = nil
        case .submit:
            next.state = .submitted
            next.submittedBy = request.actor.id
            next.workupParticipants.insert(request.actor.id)
        case .return:
            next.state = .returned
        case .resume:
            next.state = .inWorkup
        case .approve(let decision):
            disposition = decision
            next.state = decision.targetState
            next.assignee = nil
            next.disposition = decision
            next.changed = []
            switch decision {
            case .viableRefer:
                effects.append(.emitReferral(leadID: lead.leadID, subjectID: lead.subjectID))
            case .viableHold:
                break
            case .nonViableClose(let closure):
                next.closureReason = closure
                // A duplicate is a redundant copy: the finding is about the lead, not the
                // person, and the surviving lead still needs the provider's data.
                if closure != .duplicate { effects.append(.requestProviderDeletion(subjectID: lead.subjectID)) }
            case .nonViablePending:
                effects.append(.requestProviderDeletion(subjectID: lead.subjectID))
            }
        case .caseClosed:
            next.state = .closed
            next.closureReason = .caseClosed
        case .reopen(let changed):
            var seen: Set<String> = []
            let flags = changed.filter { seen.insert($0).inserted }
            changedFlags = flags
            next.state = .queued
            next.assignee = nil
            next.workupParticipants = []
            next.submittedBy = nil
            next.disposition = nil
            next.changed = flags
        case .close(let closure):
            next.state = .closed
            next.assignee = nil
            next.disposition = nil
            next.closureReason = closure
        }

        if next.state == .closed, let closure = next.closureReason, closure.stopsArrivalDepartureUpdates {
            effects.append(.emitStopUpdates(subjectID: lead.subjectID, reason: closure))
        }
        if next.state != lead.state {
            next.stateEnteredAt = request.at
            if next.state.isClocked {
                effects.append(.startSLAClock(next.state))
            } else if lead.state.isClocked {
                effects.append(.stopSLAClock)
            }
        }
        next.version = lead.version + 1

        let transition = Transition(
            from: lead.state, to: next.state, command: request.command.name, actor: request.actor.id, role: role,
            at: request.at, reason: reason, disposition: disposition,
            closureReason: next.state == .closed ? next.closureReason : nil, changed: changedFlags,
            previousAssignee: lead.assignee, assignee: next.assignee, version: next.version)
        return WorkflowOutcome(lead: next, transition: transition, effects: effects)
    }

    private static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let result = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return result.isEmpty ? nil : result
    }
}
