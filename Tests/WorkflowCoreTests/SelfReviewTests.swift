import Testing
import WorkflowCore

@Suite("Self-review is refused")
struct SelfReviewTests {
    let dual = Fixture.dual

    /// `dual` takes the lead and submits it.
    func submittedByDual() throws -> LeadWorkflow {
        let taken = try Fixture.apply(.take, by: dual, on: Fixture.lead(.queued))
        return try Fixture.apply(.submit, by: dual, on: taken.lead).lead
    }

    @Test func theSubmitterMayNotApproveTheirOwnLead() throws {
        let lead = try submittedByDual()
        let error = Fixture.refusal(.approve(.viableRefer), by: dual, on: lead)
        #expect(error?.code == .selfReview)
        #expect(error?.code.httpStatus == 403)
        #expect(error?.command == .approve)
        #expect(error?.state == .submitted)
    }

    @Test func theSubmitterMayNotReturnTheirOwnLead() throws {
        let error = Fixture.refusal(.return, by: dual, on: try submittedByDual(), reason: "looks fine to me")
        #expect(error?.code == .selfReview)
    }

    @Test(arguments: [
        Disposition.viableRefer, .viableHold, .nonViablePending, .nonViableClose(.deceased), .nonViableClose(.duplicate),
    ])
    func noDispositionEscapesTheRule(_ disposition: Disposition) throws {
        #expect(Fixture.refusal(.approve(disposition), by: dual, on: try submittedByDual())?.code == .selfReview)
    }

    @Test func anyoneAssignedDuringTheWorkupMayNotReviewIt() throws {
        let taken = try Fixture.apply(.take, by: dual, on: Fixture.lead(.queued))
        let reassigned = try Fixture.apply(.assign(to: Fixture.analyst), by: Fixture.supervisor, on: taken.lead, reason: "leave")
        let submitted = try Fixture.apply(.submit, by: Fixture.analyst, on: reassigned.lead)
        #expect(Fixture.refusal(.approve(.viableRefer), by: dual, on: submitted.lead)?.code == .selfReview)
    }

    @Test func aSupervisorAssignmentMakesTheAssigneeAParticipant() throws {
        let assigned = try Fixture.apply(.assign(to: dual), by: Fixture.supervisor, on: Fixture.lead(.queued))
        let reassigned = try Fixture.apply(
            .assign(to: Fixture.analyst), by: Fixture.supervisor, on: assigned.lead, reason: "skills")
        let submitted = try Fixture.apply(.submit, by: Fixture.analyst, on: reassigned.lead)
        #expect(Fixture.refusal(.return, by: dual, on: submitted.lead, reason: "x")?.code == .selfReview)
    }

    @Test func releasingDoesNotEndTheWorkup() throws {
        let taken = try Fixture.apply(.take, by: dual, on: Fixture.lead(.queued))
        let released = try Fixture.apply(.release, by: dual, on: taken.lead, reason: "out of office")
        let retaken = try Fixture.apply(.take, by: Fixture.analyst, on: released.lead)
        let submitted = try Fixture.apply(.submit, by: Fixture.analyst, on: retaken.lead)
        #expect(Fixture.refusal(.approve(.viableHold), by: dual, on: submitted.lead)?.code == .selfReview)
    }

    @Test func aSubmitterRecordedOnlyAsSubmitterIsStillRefused() {
        let lead = Fixture.lead(.submitted, participants: [], submittedBy: dual.id)
        #expect(Fixture.refusal(.approve(.viableRefer), by: dual, on: lead)?.code == .selfReview)
    }

    @Test func aDualRoleUserReviewsLeadsOthersWorkedUp() throws {
        let outcome = try Fixture.apply(.approve(.viableRefer), by: dual, on: Fixture.lead(.submitted))
        #expect(outcome.lead.state == .referred)
        #expect(outcome.transition.role == .reviewer)
    }

    @Test func aReopenedLeadIsANewWorkup() throws {
        // dual worked the lead up the first time; rae found it pending.
        let first = try Fixture.apply(.approve(.nonViablePending), by: Fixture.reviewer, on: try submittedByDual())
        let reopened = try Fixture.apply(.reopen(changed: ["departure"]), by: Fixture.arrivalFeed, on: first.lead)
        let taken = try Fixture.apply(.take, by: Fixture.analyst, on: reopened.lead)
        let submitted = try Fixture.apply(.submit, by: Fixture.analyst, on: taken.lead)
        // The second workup is ana's alone, so dual may review it.
        let approved = try Fixture.apply(.approve(.viableRefer), by: dual, on: submitted.lead)
        #expect(approved.lead.state == .referred)
    }

    @Test func theReviewerWhoReturnedALeadMayApproveTheResubmission() throws {
        let returned = try Fixture.apply(.return, by: Fixture.reviewer, on: Fixture.lead(.submitted), reason: "check address")
        let resumed = try Fixture.apply(.resume, by: Fixture.analyst, on: returned.lead)
        let resubmitted = try Fixture.apply(.submit, by: Fixture.analyst, on: resumed.lead)
        let approved = try Fixture.apply(.approve(.viableRefer), by: Fixture.reviewer, on: resubmitted.lead)
        #expect(approved.transition.actor == Fixture.reviewer.id)
    }

    @Test func selfReviewIsCheckedBeforeTheDisposition() throws {
        // An invalid disposition from the submitter is still reported as self-review.
        let error = Fixture.refusal(.approve(.nonViableClose(.caseClosed)), by: dual, on: try submittedByDual())
        #expect(error?.code == .selfReview)
    }
}
