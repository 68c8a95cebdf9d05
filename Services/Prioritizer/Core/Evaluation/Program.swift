/// A rule set's conditions compiled into one flat array of plain instructions, so that
/// evaluation allocates nothing and touches almost no reference-counted values.
///
/// Each condition is a subtree stored in pre-order: an instruction is followed by its children,
/// and `size` says how many instructions its subtree spans, which is how `all`/`any` step from
/// one child to the next and how they skip the rest when they can decide early. Fact names are
/// field indices; numbers, booleans, dates and enumerated strings are compared as `Double`s
/// (see ``Facts``); string lists live in a shared pool.
struct Program: Sendable {
    enum Code: UInt8, Sendable {
        case all, any, not
        case present, absent
        /// Enumerated string facts, compared by their index in ``FactField/allowedValues``.
        case codeIn, codeNotIn
        /// Other strings, compared with `pool[poolStart ..< poolStart + count]`.
        case stringIn, stringNotIn
        /// Numbers, booleans and dates: `scalar <order> operand`.
        case scalar
        case overstay
        case overstayPresent, overstayAbsent
        /// `within_days`: date ≥ asOf − operand seconds; `older_than_days`: date < asOf − operand.
        case dateWithin, dateOlder
        case setContainsAny
    }

    enum Order: UInt8, Sendable { case eq, ne, gt, ge, lt, le }

    struct Instruction: Sendable {
        var code: Code
        var order: Order = .eq
        var field: Int32 = 0
        /// Instructions in this subtree, itself included.
        var size: Int32 = 1
        /// Children of `all`/`any`, or strings in the pool.
        var count: Int32 = 0
        var poolStart: Int32 = 0
        var operand: Double = 0
        /// For `codeIn`/`codeNotIn`: bit i set when allowed value i is listed.
        var mask: UInt64 = 0
    }

    private(set) var instructions: ContiguousArray<Instruction> = []
    private(set) var pool: ContiguousArray<String> = []

    /// Appends a condition; returns the index of its root instruction.
    mutating func append(_ condition: Condition) -> Int {
        let root = instructions.count
        emit(condition)
        return root
    }

    private mutating func emit(_ condition: Condition) {
        let start = instructions.count
        switch condition {
        case .all(let children), .any(let children):
            if case .all = condition {
                instructions.append(Instruction(code: .all, count: Int32(children.count)))
            } else {
                instructions.append(Instruction(code: .any, count: Int32(children.count)))
            }
            for child in children { emit(child) }
        case .not(let child):
            instructions.append(Instruction(code: .not, count: 1))
            emit(child)
        case .exists(let field):
            instructions.append(
                field == .daysOverstayed
                    ? Instruction(code: .overstayPresent) : Instruction(code: .present, field: Int32(field.index)))
        case .missing(let field):
            instructions.append(
                field == .daysOverstayed
                    ? Instruction(code: .overstayAbsent) : Instruction(code: .absent, field: Int32(field.index)))
        case .compare(let field, let op, let operand):
            instructions.append(comparison(field, op, operand))
        }
        instructions[start].size = Int32(instructions.count - start)
    }

    private mutating func comparison(_ field: FactField, _ op: ComparisonOperator, _ operand: FactValue) -> Instruction
    {
        let index = Int32(field.index)
        switch (op, operand) {
        case (.eq, .string), (.ne, .string), (.in, .set), (.notIn, .set):
            let values: [String] =
                switch operand {
                case .set(let members): members.sorted()
                case .string(let text): [text]
                default: []
                }
            let negated = op == .ne || op == .notIn
            if let allowed = field.allowedValues {
                var mask: UInt64 = 0
                for value in values { if let code = allowed.firstIndex(of: value) { mask |= 1 << UInt64(code) } }
                return Instruction(code: negated ? .codeNotIn : .codeIn, field: index, mask: mask)
            }
            let start = Int32(pool.count)
            pool.append(contentsOf: values)
            return Instruction(
                code: negated ? .stringNotIn : .stringIn, field: index, count: Int32(values.count), poolStart: start)
        case (.eq, .bool(let flag)), (.ne, .bool(let flag)):
            return Instruction(code: .scalar, order: order(op), field: index, operand: flag ? 1 : 0)
        case (_, .number(let number)) where field.type == .number:
            return field == .daysOverstayed
                ? Instruction(code: .overstay, order: order(op), operand: number)
                : Instruction(code: .scalar, order: order(op), field: index, operand: number)
        case (_, .date(let date)):
            return Instruction(code: .scalar, order: order(op), field: index, operand: date.timeIntervalSince1970)
        case (.withinDays, .number(let days)):
            return Instruction(code: .dateWithin, field: index, operand: days * CivilDate.secondsPerDay)
        case (.olderThanDays, .number(let days)):
            return Instruction(code: .dateOlder, field: index, operand: days * CivilDate.secondsPerDay)
        case (.contains, .string(let member)):
            pool.append(member)
            return Instruction(code: .setContainsAny, field: index, count: 1, poolStart: Int32(pool.count - 1))
        case (.containsAny, .set(let members)):
            let start = Int32(pool.count)
            pool.append(contentsOf: members.sorted())
            return Instruction(code: .setContainsAny, field: index, count: Int32(members.count), poolStart: start)
        default:
            preconditionFailure("the reader only builds type-checked comparisons")
        }
    }

    private func order(_ op: ComparisonOperator) -> Order {
        switch op {
        case .eq: .eq
        case .ne: .ne
        case .gt: .gt
        case .ge: .ge
        case .lt: .lt
        case .le: .le
        default: preconditionFailure("\(op) is not an ordering")
        }
    }
}

/// One evaluation's view of the program and the facts, as unsafe buffers borrowed for the
/// duration of the evaluation (no retains per test).
struct Machine {
    let code: UnsafeBufferPointer<Program.Instruction>
    let pool: UnsafeBufferPointer<String>
    let values: UnsafeBufferPointer<FactValue?>
    let scalars: UnsafeBufferPointer<Double>
    let present: UInt64
    let asOf: Double
    /// NaN when missing.
    let overstay: Double

    /// Runs `body` with a machine for these facts.
    static func with<R>(_ program: Program, _ facts: Facts, _ body: (Machine) -> R) -> R {
        program.instructions.withUnsafeBufferPointer { code in
            program.pool.withUnsafeBufferPointer { pool in
                facts.storage.withUnsafeBufferPointer { values in
                    facts.scalars.withUnsafeBufferPointer { scalars in
                        body(
                            Machine(
                                code: code, pool: pool, values: values, scalars: scalars, present: facts.present,
                                asOf: facts.asOf.timeIntervalSince1970, overstay: facts.overstayDays))
                    }
                }
            }
        }
    }

    /// Whether the condition rooted at `index` holds.
    func holds(_ index: Int) -> Bool {
        let instruction = code[index]
        let field = Int(instruction.field)
        switch instruction.code {
        case .all:
            var child = index + 1
            for _ in 0..<instruction.count {
                if !holds(child) { return false }
                child += Int(code[child].size)
            }
            return true
        case .any:
            var child = index + 1
            for _ in 0..<instruction.count {
                if holds(child) { return true }
                child += Int(code[child].size)
            }
            return false
        case .not:
            return !holds(index + 1)
        case .present:
            return isPresent(field)
        case .absent:
            return !isPresent(field)
        case .overstayPresent:
            return !overstay.isNaN
        case .overstayAbsent:
            return overstay.isNaN
        case .codeIn, .codeNotIn:
            guard isPresent(field) else { return false }
            let value = scalars[field]
            let listed = value >= 0 && instruction.mask & (1 << UInt64(value)) != 0
            return listed == (instruction.code == .codeIn)
        case .stringIn, .stringNotIn:
            guard case .string(let value)? = values[field] else { return false }
            var listed = false
            for position in Int(instruction.poolStart)..<Int(instruction.poolStart + instruction.count)
            where pool[position] == value {
                listed = true
                break
            }
            return listed == (instruction.code == .stringIn)
        case .scalar:
            return isPresent(field) && Self.compare(scalars[field], instruction.order, instruction.operand)
        case .overstay:
            return !overstay.isNaN && Self.compare(overstay, instruction.order, instruction.operand)
        case .dateWithin:
            return isPresent(field) && scalars[field] >= asOf - instruction.operand
        case .dateOlder:
            return isPresent(field) && scalars[field] < asOf - instruction.operand
        case .setContainsAny:
            guard case .set(let members)? = values[field] else { return false }
            for position in Int(instruction.poolStart)..<Int(instruction.poolStart + instruction.count)
            where members.contains(pool[position]) {
                return true
            }
            return false
        }
    }

    private func isPresent(_ field: Int) -> Bool { present & (1 << UInt64(field)) != 0 }

    private static func compare(_ value: Double, _ order: Program.Order, _ operand: Double) -> Bool {
        switch order {
        case .eq: value == operand
        case .ne: value != operand
        case .gt: value > operand
        case .ge: value >= operand
        case .lt: value < operand
        case .le: value <= operand
        }
    }
}
