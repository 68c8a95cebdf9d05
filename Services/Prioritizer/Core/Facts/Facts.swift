import Foundation

/// What the rules see about one lead: values for some of the ``FactField`` catalogue, plus the
/// evaluation date that relative date tests (`within_days`, `days_overstayed`) count from.
///
/// Any fact may be missing. A missing fact makes every comparison on it false (including `ne`
/// and `not_in`); only `missing`, `exists` and `not` observe absence.
///
/// Values are kept in arrays indexed by field, so evaluation does no hashing of names, and
/// every number, boolean, date and enumerated string (`lead.kind`, `lead.category`) is also
/// kept as a plain `Double` with a presence bit, so most tests read no reference-counted value.
public struct Facts: Sendable, Hashable {
    /// The moment the lead is evaluated at; "today" for relative date tests.
    public var asOf: Date
    /// The values as given, by field index.
    @usableFromInline var storage: ContiguousArray<FactValue?>
    /// By field index: the number, 0/1 for a boolean, seconds since 1970 for a date, the index
    /// in ``FactField/allowedValues`` (-1 if not among them) for an enumerated string.
    @usableFromInline var scalars: ContiguousArray<Double>
    /// Bit `index` is set when the field has a value.
    @usableFromInline var present: UInt64

    /// No facts yet.
    public init(asOf: Date) {
        self.asOf = asOf
        storage = ContiguousArray(repeating: nil, count: FactField.allCases.count)
        scalars = ContiguousArray(repeating: 0, count: FactField.allCases.count)
        present = 0
    }

    /// Facts from typed fields. A value of the wrong type, or a value for a derived field, is a
    /// programming error (see ``subscript(_:)``).
    public init(asOf: Date, _ values: [FactField: FactValue]) {
        self.init(asOf: asOf)
        for (field, value) in values { self[field] = value }
    }

    /// Facts from names, as in a rule file; for input that is not checked by the compiler (a
    /// what-if tool reading facts from JSON).
    /// - Throws: ``FactsError`` naming the first unknown, derived or wrongly typed fact.
    public init(asOf: Date, named values: [String: FactValue]) throws(FactsError) {
        self.init(asOf: asOf)
        for name in values.keys.sorted() {
            let value = values[name]!
            guard let field = FactField(name: name) else { throw FactsError(fact: name, problem: .unknownFact) }
            guard !field.isDerived else { throw FactsError(fact: name, problem: .derivedFact) }
            guard value.type == field.type else {
                throw FactsError(fact: name, problem: .wrongType(expected: field.type, found: value.type))
            }
            store(value, at: field)
        }
    }

    /// The value of a fact, derived facts included; nil when missing.
    ///
    /// Setting checks the value's type and refuses derived fields with a precondition: both
    /// are mistakes in the code that builds facts, not in data.
    public subscript(_ field: FactField) -> FactValue? {
        get {
            if field == .daysOverstayed { return daysOverstayed.map { .number(Double($0)) } }
            return storage[field.index]
        }
        set {
            precondition(!field.isDerived, "\(field.rawValue) is derived and cannot be set")
            precondition(
                newValue == nil || newValue?.type == field.type, "\(field.rawValue) takes \(field.type.rawValue) values"
            )
            store(newValue, at: field)
        }
    }

    private mutating func store(_ value: FactValue?, at field: FactField) {
        let index = field.index
        storage[index] = value
        let bit: UInt64 = 1 << UInt64(index)
        present = value == nil ? present & ~bit : present | bit
        switch value {
        case .number(let number)?: scalars[index] = number
        case .bool(let flag)?: scalars[index] = flag ? 1 : 0
        case .date(let date)?: scalars[index] = date.timeIntervalSince1970
        case .string(let text)?: scalars[index] = Double(field.allowedValues?.firstIndex(of: text) ?? -1)
        case .set?, nil: scalars[index] = 0
        }
    }

    /// Whole days since `visa.admitted_until`, when that date has passed by at least one day.
    public var daysOverstayed: Int? {
        let days = overstayDays
        return days.isNaN ? nil : Int(days)
    }

    /// ``daysOverstayed`` as a `Double`, NaN when missing (what evaluation reads).
    var overstayDays: Double {
        let index = FactField.visaAdmittedUntil.index
        guard present & (1 << UInt64(index)) != 0 else { return .nan }
        let days = ((asOf.timeIntervalSince1970 - scalars[index]) / CivilDate.secondsPerDay).rounded(.down)
        return days >= 1 ? days : .nan
    }

    /// Every present fact by name, derived ones included.
    public var named: [String: FactValue] {
        var result: [String: FactValue] = [:]
        for field in FactField.allCases { if let value = self[field] { result[field.rawValue] = value } }
        return result
    }
}

/// A fact given by name could not be accepted.
public struct FactsError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        case unknownFact
        case derivedFact
        case wrongType(expected: FactType, found: FactType)
    }

    public let fact: String
    public let problem: Problem

    public var description: String {
        switch problem {
        case .unknownFact: "\(fact): not a fact in the catalogue"
        case .derivedFact: "\(fact): derived from other facts and cannot be given"
        case .wrongType(let expected, let found): "\(fact): expected a \(expected.rawValue), found a \(found.rawValue)"
        }
    }
}

/// JSON shape: `{"asOf": "2025-06-01", "facts": {"lead.kind": {"string": "person"}, …}}`;
/// derived facts are not written (they follow from the others).
extension Facts: Codable {
    private enum CodingKeys: String, CodingKey { case asOf, facts }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let asOfText = try container.decode(String.self, forKey: .asOf)
        guard let asOf = CivilDate.parse(asOfText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .asOf, in: container, debugDescription: "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
        let values = try container.decode([String: FactValue].self, forKey: .facts)
        do { try self.init(asOf: asOf, named: values) } catch {
            throw DecodingError.dataCorruptedError(forKey: .facts, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(CivilDate.format(asOf), forKey: .asOf)
        var values: [String: FactValue] = [:]
        for field in FactField.allCases where !field.isDerived {
            if let value = storage[field.index] { values[field.rawValue] = value }
        }
        try container.encode(values, forKey: .facts)
    }
}
