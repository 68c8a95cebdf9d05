/// The embedded table of romanisation variants: each group lists spellings of one name, the
/// first being the one the population uses.
public enum Transliterations {
    /// Variant groups (given and family names).
    public static let groups: [[String]] = [
        ["Mohammed", "Muhammad", "Mohamed", "Mohammad"],
        ["Aleksandr", "Alexander", "Aleksander", "Oleksandr"],
        ["Alexander", "Aleksandr", "Alexandre"],
        ["Yusuf", "Youssef", "Yousef", "Yusef"],
        ["Ahmed", "Ahmad", "Ahmet"],
        ["Hussein", "Husain", "Hussain", "Husayn"],
        ["Omar", "Umar", "Omer"],
        ["Abdullah", "Abdallah", "Abdulla"],
        ["Sergei", "Sergey", "Serhiy"],
        ["Dmitri", "Dmitry", "Dmitriy"],
        ["Yuri", "Yury", "Iurii", "Yuriy"],
        ["Mikhail", "Mikhael", "Michail"],
        ["Andrei", "Andrey", "Andriy"],
        ["Natalya", "Natalia", "Nataliya"],
        ["Tatiana", "Tatyana", "Tatjana"],
        ["Olena", "Elena", "Yelena"],
        ["Fatima", "Fatimah", "Fatma"],
        ["Aisha", "Ayesha", "Aicha"],
        ["Chaudhry", "Choudhury", "Chaudhary"],
        ["Zhou", "Chou"],
        ["Zhang", "Chang"],
        ["Li", "Lee"],
    ]

    private static let byName: [String: [String]] = {
        var map: [String: [String]] = [:]
        for group in groups {
            let head = group[0]
            map[head, default: []].append(contentsOf: group.dropFirst().filter { !(map[head] ?? []).contains($0) })
        }
        return map
    }()

    /// Other spellings of a name as the population writes it (empty when it has none).
    public static func variants(of name: String) -> [String] { byName[name] ?? [] }

    /// Whether two spellings belong to one variant group.
    public static func related(_ a: String, _ b: String) -> Bool {
        a != b && groups.contains { $0.contains(a) && $0.contains(b) }
    }
}
