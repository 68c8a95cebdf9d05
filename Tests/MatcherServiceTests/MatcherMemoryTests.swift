import Testing

@testable import MatcherService

/// What a matcher process remembers between leads, and for how long.
@Suite struct MatcherMemoryTests {
    @Test func genericKeysStayGenericOnceSeen() {
        let memory = MatcherMemory()
        #expect(memory.genericKeys(among: ["nm:A:B", "db:1990-01-01:a"]).isEmpty)
        memory.rememberGeneric(["nm:A:B"])
        #expect(memory.genericKeys(among: ["nm:A:B", "db:1990-01-01:a"]) == ["nm:A:B"])
    }

    @Test func genericValuesStayGenericOnceSeenApartFromGenericKeys() {
        let memory = MatcherMemory()
        let phone = "id\u{1E}phone\u{1F}\u{1F}16175550130"
        #expect(memory.genericValues(among: [phone]).isEmpty)
        memory.rememberGenericValues([phone])
        #expect(memory.genericValues(among: [phone, "id\u{1E}passport\u{1F}MEX\u{1F}X1"]) == [phone])
        #expect(memory.genericKeys(among: [phone]).isEmpty, "values and blocking keys are separate sets")
    }

    @Test func nameCountsExpireAfterTheirLifetime() {
        let memory = MatcherMemory()
        let start = ContinuousClock.now
        memory.rememberNameCounts(["family\u{1E}garcia": 120], now: start)
        #expect(memory.nameCounts(["family\u{1E}garcia", "given\u{1E}ana"], now: start + .seconds(1)) == ["family\u{1E}garcia": 120])
        #expect(memory.nameCounts(["family\u{1E}garcia"], now: start + MatcherMemory.nameCountLifetime).isEmpty)

        memory.rememberSubjectTotal(2_000_000, now: start)
        #expect(memory.subjectTotal(now: start + .seconds(1)) == 2_000_000)
        #expect(memory.subjectTotal(now: start + MatcherMemory.nameCountLifetime) == nil)
    }

    @Test func aFullTableIsEmptiedRatherThanGrowingWithoutBound() {
        let memory = MatcherMemory()
        memory.rememberGeneric((0..<MatcherMemory.capacity).map { "k\($0)" })
        #expect(memory.genericKeys(among: ["k0"]) == ["k0"])
        memory.rememberGeneric(["one-more"])
        #expect(memory.genericKeys(among: ["k0"]).isEmpty, "emptied when full")
        #expect(memory.genericKeys(among: ["one-more"]) == ["one-more"])
    }
}
