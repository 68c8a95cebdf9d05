/// The embedded table of formal given names and their common nicknames.
public enum Nicknames {
    /// `(formal, nickname)` pairs; a formal name may have several nicknames.
    public static let pairs: [(formal: String, nickname: String)] = [
        ("William", "Bill"), ("William", "Will"), ("Robert", "Bob"), ("Robert", "Rob"), ("Elizabeth", "Liz"),
        ("Elizabeth", "Beth"), ("Margaret", "Peggy"), ("Margaret", "Maggie"), ("James", "Jim"),
        ("James", "Jimmy"), ("Alexander", "Alex"), ("Katherine", "Kate"), ("Katherine", "Kathy"),
        ("Richard", "Rick"), ("Richard", "Dick"), ("Michael", "Mike"), ("Thomas", "Tom"), ("Joseph", "Joe"),
        ("Charles", "Charlie"), ("Edward", "Ed"), ("Edward", "Ted"), ("Daniel", "Dan"), ("Matthew", "Matt"),
        ("Christopher", "Chris"), ("Anthony", "Tony"), ("Jennifer", "Jen"), ("Patricia", "Pat"),
        ("Patricia", "Trish"), ("Susan", "Sue"), ("Deborah", "Debbie"), ("Rebecca", "Becky"),
        ("Victoria", "Vicky"), ("Samuel", "Sam"), ("Benjamin", "Ben"), ("Jonathan", "Jon"), ("Nicholas", "Nick"),
        ("Stephen", "Steve"), ("Timothy", "Tim"), ("Andrew", "Andy"), ("Abigail", "Abby"), ("Francisco", "Paco"),
        ("Jose", "Pepe"), ("Guadalupe", "Lupe"), ("Ignacio", "Nacho"), ("Enrique", "Quique"),
        ("Alejandro", "Alejo"), ("Dmitri", "Dima"), ("Aleksandr", "Sasha"), ("Ekaterina", "Katya"),
        ("Mikhail", "Misha"), ("Vladimir", "Volodya"), ("Anastasia", "Nastya"), ("Natalya", "Natasha"),
    ]

    private static let byFormal: [String: [String]] = Dictionary(
        grouping: pairs, by: { $0.formal }
    ).mapValues { $0.map(\.nickname) }

    /// The nicknames of a formal given name (empty when it has none).
    public static func nicknames(of formal: String) -> [String] { byFormal[formal] ?? [] }

    /// Whether `a` and `b` are a formal name and one of its nicknames, either way round, or two
    /// nicknames of the same formal name.
    public static func related(_ a: String, _ b: String) -> Bool {
        pairs.contains { pair in
            (pair.formal == a && pair.nickname == b) || (pair.formal == b && pair.nickname == a)
        } || byFormal.values.contains { $0.contains(a) && $0.contains(b) && a != b }
    }
}
