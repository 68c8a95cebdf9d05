import Foundation
import Testing
import WorkflowCore

@Suite("Queues and take-next")
struct TakeNextTests {
    let day: TimeInterval = 86_400

    func candidate(_ id: String, _ tier: PriorityTier, daysAgo: Double, _ category: String = "overstay") -> QueueCandidate {
        QueueCandidate(leadID: id, tier: tier, category: category, queuedAt: Fixture.now.addingTimeInterval(-daysAgo * day))
    }

    @Test func higherTierFirstThenOldestFirst() {
        let candidates = [
            candidate("L-p3-old", .p3, daysAgo: 40),
            candidate("L-p1-new", .p1, daysAgo: 1),
            candidate("L-below", .belowThreshold, daysAgo: 90),
            candidate("L-p2-mid", .p2, daysAgo: 5),
            candidate("L-p1-old", .p1, daysAgo: 3),
            candidate("L-p2-old", .p2, daysAgo: 9, "wantedNotice"),
        ]
        #expect(
            TakeNext.ordered(candidates).map(\.leadID) == ["L-p1-old", "L-p1-new", "L-p2-old", "L-p2-mid", "L-p3-old", "L-below"])
    }

    @Test func equalWaitsAreOrderedByLeadIdentifier() {
        let candidates = [
            candidate("L-3", .p2, daysAgo: 2), candidate("L-1", .p2, daysAgo: 2), candidate("L-2", .p2, daysAgo: 2),
        ]
        #expect(TakeNext.ordered(candidates).map(\.leadID) == ["L-1", "L-2", "L-3"])
        #expect(TakeNext.ordered(candidates.reversed()).map(\.leadID) == ["L-1", "L-2", "L-3"])
    }

    @Test func categoryDoesNotOutrankWaitingTime() {
        let candidates = [
            candidate("L-a", .p1, daysAgo: 1, "absentWithoutLeave"),
            candidate("L-z", .p1, daysAgo: 2, "wantedNotice"),
        ]
        #expect(TakeNext.ordered(candidates).map(\.leadID) == ["L-z", "L-a"])
    }

    @Test func belowThresholdLeadsAreNotTakenByDefault() {
        let candidates = [candidate("L-below", .belowThreshold, daysAgo: 100), candidate("L-p3", .p3, daysAgo: 1)]
        #expect(TakeNext.next(from: candidates)?.leadID == "L-p3")
        #expect(TakeNext.next(from: [candidate("L-below", .belowThreshold, daysAgo: 100)]) == nil)
        #expect(TakeNext.next(from: candidates, tiers: Set(PriorityTier.allCases))?.leadID == "L-p3")
        #expect(TakeNext.next(from: candidates, tiers: [.belowThreshold])?.leadID == "L-below")
    }

    @Test func nextIsLimitedToTheAnalystsQueues() {
        let candidates = [
            candidate("L-overstay", .p1, daysAgo: 9, "overstay"),
            candidate("L-natsec", .p1, daysAgo: 2, "visaRevokedNationalSecurity"),
            candidate("L-natsec-p2", .p2, daysAgo: 30, "visaRevokedNationalSecurity"),
        ]
        let natsec: Set<QueueName> = [
            QueueName(tier: .p1, category: "visaRevokedNationalSecurity"),
            QueueName(tier: .p2, category: "visaRevokedNationalSecurity"),
        ]
        #expect(TakeNext.next(from: candidates)?.leadID == "L-overstay")
        #expect(TakeNext.next(from: candidates, queues: natsec)?.leadID == "L-natsec")
        #expect(TakeNext.next(from: candidates, queues: [QueueName(tier: .p3, category: "overstay")]) == nil)
        #expect(TakeNext.next(from: []) == nil)
    }

    @Test func queuesAreNamedByTierAndCategory() {
        #expect(QueueName(tier: .p1, category: "overstay").description == "p1.overstay")
        #expect(QueueName(tier: .p2, category: "visaRevokedNationalSecurity").description == "p2.visa-revoked-national-security")
        #expect(
            QueueName(tier: .belowThreshold, category: "absentWithoutLeave").description == "below-threshold.absent-without-leave"
        )
        #expect(candidate("L", .p3, daysAgo: 0, "organisationCompliance").queue.description == "p3.organisation-compliance")
    }

    @Test func queueNamesSortByTierThenCategory() {
        let names = [
            QueueName(tier: .p2, category: "fraud"), QueueName(tier: .p1, category: "overstay"),
            QueueName(tier: .p1, category: "fraud"), QueueName(tier: .belowThreshold, category: "fraud"),
        ]
        #expect(names.sorted().map(\.description) == ["p1.fraud", "p1.overstay", "p2.fraud", "below-threshold.fraud"])
    }

    @Test(arguments: [
        ("P1", PriorityTier.p1), ("p2", .p2), ("P3", .p3), ("belowThreshold", .belowThreshold),
        ("below-threshold", .belowThreshold),
        ("BELOW_THRESHOLD", .belowThreshold),
    ])
    func tierLabelsAreRead(_ label: String, _ tier: PriorityTier) {
        #expect(PriorityTier(label: label) == tier)
    }

    @Test(arguments: ["P4", "", "1", "high"])
    func unknownTierLabelsAreNot(_ label: String) {
        #expect(PriorityTier(label: label) == nil)
    }
}
