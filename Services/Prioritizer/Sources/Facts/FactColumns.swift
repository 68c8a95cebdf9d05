import Foundation
import LeadTracStorage
import PrioritizerCore

/// How the facts of a lead are stored in `lead_facts`: one typed column per stored fact of the
/// catalogue, named after it (`risk.wants_warrants` → `risk_wants_warrants`), NULL when missing.
public enum FactColumns {
    /// The stored facts, in catalogue order (derived facts are computed, not stored).
    public static let fields: [FactField] = FactField.allCases.filter { !$0.isDerived }

    /// `lead.kind` → `lead_kind`.
    public static func column(_ field: FactField) -> String {
        field.rawValue.replacingOccurrences(of: ".", with: "_")
    }

    /// The column list, comma-separated, in ``fields`` order.
    public static let list: String = fields.map(column).joined(separator: ", ")

    /// The column list with each column qualified by a table alias (`f.lead_kind, …`).
    public static func list(qualifiedBy alias: String) -> String {
        fields.map { "\(alias).\(column($0))" }.joined(separator: ", ")
    }

    /// The parameters for the columns, in ``fields`` order.
    public static func values(_ facts: Facts) -> [PGValue] {
        fields.map { field in
            switch facts[field] {
            case nil: .null
            case .string(let text)?: PGValue(text)
            case .number(let number)?: PGValue(number)
            case .bool(let flag)?: PGValue(flag)
            case .date(let date)?: PGValue(date)
            case .set(let members)?: PGValue(members.sorted())
            }
        }
    }

    /// Reads the columns starting at `offset` (in ``fields`` order) back into facts as of `asOf`.
    public static func facts(_ row: PGRow, from offset: Int, asOf: Date) throws -> Facts {
        var facts = Facts(asOf: asOf)
        for (index, field) in fields.enumerated() {
            let column = offset + index
            if row.isNull(at: column) { continue }
            switch field.type {
            case .string: facts[field] = .string(try row.decode(String.self, at: column))
            case .number: facts[field] = .number(try row.decode(Double.self, at: column))
            case .bool: facts[field] = .bool(try row.decode(Bool.self, at: column))
            case .date: facts[field] = .date(try row.decode(Date.self, at: column))
            case .set: facts[field] = .set(Set(try row.decode([String].self, at: column)))
            }
        }
        return facts
    }
}
