import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracRuntime
import LeadTracStorage
import MatcherCore

/// Subject search: fuzzy name, date of birth, identifier; ranked.
///
/// Retrieval uses what matching uses: the query becomes a `MatchRecord` and its blocking keys
/// (Double Metaphone name codes both orders, nickname groups, date keys, OCR-folded identifier
/// keys) select candidates from `subject_keys`; a family name alone is looked up by the range of
/// `nm:<code>:` keys; a date of birth alone by the subjects' date index. Candidates are then
/// re-ranked on the query's terms only: Jaro–Winkler of given and family names (best over the
/// subject's names and aliases, also crossed; a nickname of the same group counts 0.9), date
/// agreement (exact 1, day/month swapped 0.8, same year and month 0.6, same year 0.4), and
/// identifier equality (1). The score is the mean over the terms given, in `0...1`; results
/// below 0.6 are dropped.
///
/// Limitation: a name code shared by more subjects than the block cap is not indexed for new
/// subjects (docs/architecture.md, "Generic keys"), so a very common name alone may miss some
/// subjects; with a date of birth or an identifier they are found.
struct SubjectSearch: Sendable {
    let schema: String

    struct Query: Sendable {
        var given: String?
        var family: String?
        var dateOfBirth: MatcherCore.PartialDate?
        var identifier: String?
        var identifierType: String?
        var kind: MatchRecord.Kind?
        var limit: Int

        /// The query's terms, for the search's audit event.
        var terms: [String: AuditValue] = [:]
    }

    struct Result: Encodable, Sendable {
        var subjectId: String
        var score: Double
        var kind: String
        var primaryName: String
        var dateOfBirth: String?
        var leadCount: Int
        var matched: [String]
    }

    static let minimumScore = 0.6
    private static let candidateCap = 2_000

    /// Reads and checks the query parameters (400 naming the bad one).
    static func query(_ parameters: [String: String]) throws -> Query {
        func bad(_ field: String, _ message: String) -> Problem {
            Problem.badRequest("query.invalid", detail: message, errors: [.init(code: "query.invalid", field: field, message: message)])
        }
        var query = Query(limit: 20)
        if let name = parameters["name"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            query.terms["name"] = .string(name)
            guard case .success(let parsed) = LeadTracDomain.PersonName.parse(name) else {
                throw bad("name", "name must be a person's or organisation's name")
            }
            // One word is taken as the family name.
            if parsed.familyKey == nil || (parsed.givenKey == nil && parsed.middleKey == nil) {
                query.family = parsed.fullKey
            } else {
                query.given = [parsed.givenKey, parsed.middleKey].compactMap { $0 }.joined(separator: " ")
                query.family = parsed.familyKey
            }
        }
        if let text = parameters["dob"], !text.isEmpty {
            query.terms["dob"] = .string(text)
            let parts = text.split(separator: "-").map { Int($0) }
            guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }), let year = parts[0], (1850...2200).contains(year)
            else { throw bad("dob", "dob must be yyyy, yyyy-mm or yyyy-mm-dd") }
            let month = parts.count > 1 ? parts[1] : nil
            let day = parts.count > 2 ? parts[2] : nil
            if let month, !(1...12).contains(month) { throw bad("dob", "dob has no such month") }
            if let day, !(1...31).contains(day) { throw bad("dob", "dob has no such day") }
            query.dateOfBirth = MatcherCore.PartialDate(year: year, month: month, day: day)
        }
        if let identifier = parameters["identifier"]?.trimmingCharacters(in: .whitespaces), !identifier.isEmpty {
            query.terms["identifier"] = .string(identifier)
            query.identifier = identifier
        }
        if let type = parameters["type"], !type.isEmpty {
            query.terms["type"] = .string(type)
            switch type {
            case "person", "organisation": query.kind = MatchRecord.Kind(rawValue: type)
            default:
                // Otherwise an identifier type (passport, anumber, ssn, visa, dl, sevis, fin, i94, phone, email).
                guard Self.identifierTypes.contains(type) else {
                    throw bad("type", "type must be person, organisation or an identifier type")
                }
                query.identifierType = type
            }
        }
        if let limit = parameters["limit"] {
            guard let value = Int(limit), (1...100).contains(value) else { throw bad("limit", "limit must be 1–100") }
            query.limit = value
        }
        guard query.family != nil || query.dateOfBirth != nil || query.identifier != nil else {
            throw bad("name", "give at least one of name, dob, identifier")
        }
        return query
    }

    static let identifierTypes: [String] = [
        MatcherCore.IdentifierType.passport, MatcherCore.IdentifierType.alienNumber,
        MatcherCore.IdentifierType.socialSecurity, MatcherCore.IdentifierType.visaFoil,
        MatcherCore.IdentifierType.driversLicence, MatcherCore.IdentifierType.studentProgramme,
        MatcherCore.IdentifierType.fingerprint, MatcherCore.IdentifierType.admission, MatcherCore.IdentifierType.phone,
        MatcherCore.IdentifierType.email,
    ]

    /// Candidates by key, then re-ranked; best first.
    func run(_ query: Query, on db: PGConnection) throws -> [Result] {
        var keys: [String] = []
        var ranges: [String] = []
        if let family = query.family {
            if let given = query.given {
                keys += blockingKeys(
                    for: MatchRecord(given: given, family: family, dateOfBirth: query.dateOfBirth)
                ).map(\.text)
            } else {
                let joined = family.replacingOccurrences(of: " ", with: "")
                let tokens = family.split(separator: " ").map(String.init)
                for code in Set(([joined] + tokens).flatMap { DoubleMetaphone.encode($0).all }) where !code.isEmpty {
                    ranges.append("nm:\(code):")
                }
            }
        }
        if let identifier = query.identifier {
            let types = query.identifierType.map { [$0] } ?? Self.identifierTypes
            let record = MatchRecord(kind: .person, identifiers: types.map { MatcherCore.Identifier(type: $0, value: identifier) })
            keys += blockingKeys(for: record).map(\.text).filter { $0.hasPrefix("id:") && $0.contains(":*:") }
        }
        var dates: [String] = []
        if let date = query.dateOfBirth, query.family == nil {
            dates.append(try SubjectStore.json(date))
            if let month = date.month, let day = date.day, day <= 12, day != month {
                dates.append(try SubjectStore.json(MatcherCore.PartialDate(year: date.year, month: day, day: month)))
            }
        }
        let table = { (name: String) in "\(quoteIdentifier(schema)).\(name)" }
        // Every retrieval path is capped, so a common name cannot make the answer unbounded.
        let rows = try db.execute(
            """
            WITH hits AS (
                (SELECT subject_id FROM \(table("subject_keys")) WHERE key = ANY($1::text[]) LIMIT $4)
                UNION
                (SELECT sk.subject_id FROM unnest($2::text[]) AS r(prefix)
                 CROSS JOIN LATERAL (SELECT subject_id FROM \(table("subject_keys"))
                                     WHERE key >= r.prefix AND key < r.prefix || chr(1114111) LIMIT $4) sk)
                UNION
                (SELECT subject_id FROM \(table("subjects"))
                 WHERE status = 'active' AND (record -> 'dateOfBirth') = ANY($3::jsonb[]) LIMIT $4)
            )
            SELECT s.subject_id::text, s.kind, s.primary_name, s.record::text, s.lead_count
            FROM \(table("subjects")) s JOIN (SELECT DISTINCT subject_id FROM hits) h USING (subject_id)
            WHERE s.status = 'active' AND ($5::text IS NULL OR s.kind = $5)
            """,
            [PGValue(keys), PGValue(ranges), PGValue(dates), PGValue(Self.candidateCap), PGValue(query.kind?.rawValue)]
        ).rows
        let decoder = JSONDecoder()
        var results: [Result] = []
        for row in rows {
            let record = try decoder.decode(MatchRecord.self, from: Data(try row.decode(String.self, at: 3).utf8))
            let (score, matched) = Self.score(query, record)
            guard score >= Self.minimumScore else { continue }
            results.append(
                Result(
                    subjectId: try row.decode(String.self, at: 0), score: (score * 1000).rounded() / 1000,
                    kind: try row.decode(String.self, at: 1), primaryName: try row.decode(String.self, at: 2),
                    dateOfBirth: record.dateOfBirth?.description, leadCount: try row.decode(Int.self, at: 4),
                    matched: matched))
        }
        results.sort { $0.score != $1.score ? $0.score > $1.score : $0.subjectId < $1.subjectId }
        return Array(results.prefix(query.limit))
    }

    /// The query's terms compared with a subject: mean of the per-term scores, and which agreed.
    static func score(_ query: Query, _ record: MatchRecord) -> (Double, [String]) {
        var parts: [Double] = []
        var matched: [String] = []
        if let family = query.family {
            let name = record.names.map { nameScore(given: query.given, family: family, $0) }.max() ?? 0
            parts.append(name)
            if name >= 0.85 { matched.append("name") }
        }
        if let date = query.dateOfBirth {
            let value = dateScore(date, record.dateOfBirth)
            parts.append(value)
            if value >= 0.8 { matched.append("dateOfBirth") }
        }
        if let identifier = query.identifier {
            let wanted = canonical(identifier)
            let hit = record.identifiers.contains {
                (query.identifierType == nil || $0.type == query.identifierType) && canonical($0.value) == wanted
            }
            parts.append(hit ? 1 : 0)
            if hit { matched.append("identifier") }
        }
        return (parts.isEmpty ? 0 : parts.reduce(0, +) / Double(parts.count), matched)
    }

    static func nameScore(given: String?, family: String, _ name: MatcherCore.PersonName) -> Double {
        let familyScore = JaroWinkler.similarity(family, name.family)
        guard let given else {
            // A family name alone also matches a subject whose family name is one token of a compound.
            let tokens = name.family.split(separator: " ").map { JaroWinkler.similarity(family, String($0)) }
            return max(familyScore, tokens.max() ?? 0)
        }
        func givenScore(_ a: String, _ b: String) -> Double {
            let first = (a.split(separator: " ").first.map(String.init) ?? a, b.split(separator: " ").first.map(String.init) ?? b)
            let variant = NameVariants.areVariants(first.0, first.1) ? 0.9 : 0
            return max(JaroWinkler.similarity(a, b), JaroWinkler.similarity(first.0, first.1), variant)
        }
        let straight = (givenScore(given, name.given) + familyScore) / 2
        let crossed = (givenScore(given, name.family) + JaroWinkler.similarity(family, name.given)) / 2 * 0.95
        return max(straight, crossed)
    }

    static func dateScore(_ query: MatcherCore.PartialDate, _ known: MatcherCore.PartialDate?) -> Double {
        guard let known, known.year == query.year || (query.month != nil && query.day != nil && known.year == query.year)
        else { return 0 }
        if known == query { return 1 }
        if let m = query.month, let d = query.day, known.month == d, known.day == m { return 0.8 }
        if query.month == nil || known.month == nil { return 0.7 }
        if known.month == query.month { return query.day == nil || known.day == nil ? 0.9 : 0.6 }
        return 0.4
    }

    static func canonical(_ value: String) -> String {
        String(value.uppercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
