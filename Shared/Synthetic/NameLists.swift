/// Embedded name lists, most frequent first (samplers apply a Zipf skew over the order).
enum NameLists {
    /// Given names for a culture and sex (`true` for male).
    static func given(_ culture: NameCulture, male: Bool) -> [String] {
        switch (culture, male) {
        case (.anglo, true): angloMale
        case (.anglo, false): angloFemale
        case (.hispanic, true): hispanicMale
        case (.hispanic, false): hispanicFemale
        case (.arabic, true): arabicMale
        case (.arabic, false): arabicFemale
        case (.slavic, true): slavicMale
        case (.slavic, false): slavicFemale
        case (.southAsian, true): southAsianMale
        case (.southAsian, false): southAsianFemale
        case (.eastAsian, true): eastAsianMale
        case (.eastAsian, false): eastAsianFemale
        }
    }

    /// Family names for a culture (Hispanic ones are single parts, combined into compounds).
    static func family(_ culture: NameCulture) -> [String] {
        switch culture {
        case .anglo: angloFamily
        case .hispanic: hispanicFamilyParts
        case .arabic: arabicFamily
        case .slavic: slavicFamily
        case .southAsian: southAsianFamily
        case .eastAsian: eastAsianFamily
        }
    }

    static let angloMale = [
        "James", "William", "Robert", "Michael", "Thomas", "Joseph", "Charles", "Richard", "Edward", "Daniel",
        "Matthew", "Christopher", "Anthony", "Samuel", "Benjamin", "Jonathan", "Nicholas", "Stephen", "Timothy",
        "Andrew", "Alexander", "David", "John", "Peter", "George", "Henry", "Owen", "Lucas", "Nathan", "Ethan",
        "Caleb", "Isaac", "Gavin", "Colin", "Trevor", "Dylan", "Wesley", "Simon", "Grant", "Miles",
    ]
    static let angloFemale = [
        "Elizabeth", "Margaret", "Katherine", "Jennifer", "Patricia", "Susan", "Deborah", "Rebecca", "Victoria",
        "Mary", "Sarah", "Emily", "Hannah", "Laura", "Rachel", "Megan", "Claire", "Olivia", "Grace", "Abigail",
        "Natalie", "Julia", "Amanda", "Heather", "Lauren", "Chloe", "Sophie", "Alice", "Helen", "Ruth", "Diane",
        "Karen", "Linda", "Amy", "Erin", "Holly", "Bethany", "Joanna", "Fiona", "Leah",
    ]
    static let angloFamily = [
        "Ashworthy", "Brackenridge", "Caldmore", "Denholt", "Ellerby", "Farrowdale", "Gladstow", "Hartwicke",
        "Inglemoor", "Jessamyn", "Kettleborne", "Lindervale", "Marrowfield", "Netherby", "Oakhollow", "Pemberdale",
        "Quillbrook", "Rackstrow", "Sallowmere", "Thistlecombe", "Underhayes", "Vellacourt", "Whitmarley",
        "Yarrowby", "Ashcombe", "Birchallow", "Corringdale", "Dunsworthy", "Eastwyke", "Fennimoor", "Gorsefield",
        "Hollinsby", "Ivesdale", "Kingsmoor", "Larkwhistle", "Mosswick", "Northallow", "Pellingham", "Redcombe",
        "Stonehallow", "Tillingbrook", "Wexcombe",
    ]
    static let hispanicMale = [
        "Jose", "Francisco", "Carlos", "Miguel", "Luis", "Jorge", "Juan", "Pedro", "Ricardo", "Fernando",
        "Javier", "Eduardo", "Raul", "Sergio", "Manuel", "Hector", "Arturo", "Diego", "Andres", "Mateo",
        "Santiago", "Rodrigo", "Emilio", "Ramon", "Esteban", "Julio", "Ignacio", "Enrique", "Alejandro",
    ]
    static let hispanicFemale = [
        "Maria", "Guadalupe", "Ana", "Carmen", "Rosa", "Lucia", "Sofia", "Isabel", "Gabriela", "Daniela",
        "Valentina", "Camila", "Paola", "Veronica", "Adriana", "Leticia", "Marisol", "Alejandra", "Beatriz",
        "Elena", "Catalina", "Ximena", "Rocio", "Pilar", "Yesenia", "Mariana", "Claudia", "Monica", "Silvia",
        "Teresa",
    ]
    static let hispanicFamilyParts = [
        "Arredonda", "Villacruz", "Montesol", "Barranquez", "Castellar", "Duranzo", "Escobeda", "Fuentevilla",
        "Galarreta", "Herrandiz", "Ibarrola", "Jaramedo", "Larrazabel", "Mendivar", "Navarete", "Olmedillo",
        "Pardinas", "Quintanal", "Riosalda", "Saldivarez", "Tejedano", "Urquidez", "Valdemoro", "Zamorilla",
        "Alcaraz", "Benavidez", "Cervantino", "Dorantes", "Espinar", "Figueredo",
    ]
    static let arabicMale = [
        "Mohammed", "Ahmed", "Omar", "Yusuf", "Hussein", "Abdullah", "Khalid", "Tariq", "Karim", "Samir",
        "Hassan", "Ali", "Ibrahim", "Mustafa", "Faisal", "Nabil", "Rami", "Walid", "Ziad", "Bilal", "Hamza",
        "Adel", "Jamal", "Majid", "Nasser",
    ]
    static let arabicFemale = [
        "Fatima", "Aisha", "Layla", "Mariam", "Noor", "Huda", "Rania", "Salma", "Yasmin", "Zainab", "Amal",
        "Dalia", "Hana", "Samira", "Nadia", "Rasha", "Reem", "Lina", "Maha", "Dina",
    ]
    static let arabicFamily = [
        "Al-Rashidan", "Hamdawi", "Bakrani", "El-Masouri", "Farouqi", "Ghanemi", "Haddari", "Jabrouni",
        "Khatibeh", "Mansouriya", "Nassarly", "Qaddoumi", "Rifa'ani", "Saadawiya", "Tamimeh", "Zaituni",
        "Al-Bazzari", "Dabbaghi", "Awadallan", "Sharqawiya", "Hijazeen", "Kharouf", "Maghrebi", "Obeidat-Nour",
    ]
    static let slavicMale = [
        "Aleksandr", "Dmitri", "Sergei", "Yuri", "Mikhail", "Andrei", "Vladimir", "Ivan", "Nikolai", "Pavel",
        "Oleg", "Igor", "Maksim", "Viktor", "Bogdan", "Tomasz", "Piotr", "Marek", "Stanislav", "Roman",
    ]
    static let slavicFemale = [
        "Natalya", "Tatiana", "Olena", "Anastasia", "Ekaterina", "Irina", "Svetlana", "Olga", "Marina", "Yulia",
        "Daria", "Ksenia", "Agnieszka", "Katarzyna", "Milena", "Vesna", "Zofia", "Alina", "Polina", "Vera",
    ]
    static let slavicFamily = [
        "Voronetsky", "Belogradov", "Kuznarev", "Petrashko", "Zhuravlenko", "Sokolinsky", "Morozkin",
        "Volkovich", "Lebedinsky", "Orlovets", "Dudarenko", "Kowalczykow", "Wisniewicz", "Zielinsky", "Nowacek",
        "Stepanyuk", "Gromovsky", "Chernavin", "Yablonsky", "Tarasevko", "Bielawsky", "Karpenets",
    ]
    static let southAsianMale = [
        "Rahul", "Arjun", "Vikram", "Sanjay", "Amit", "Rajesh", "Anil", "Suresh", "Imran", "Asif", "Kiran",
        "Rohan", "Nikhil", "Pradeep", "Deepak", "Harpreet", "Gurpreet", "Manish", "Vivek", "Aarav",
    ]
    static let southAsianFemale = [
        "Priya", "Ananya", "Divya", "Kavita", "Sunita", "Anjali", "Neha", "Pooja", "Meera", "Lakshmi",
        "Shreya", "Farzana", "Nasreen", "Deepa", "Rekha", "Swati", "Nisha", "Aarti", "Simran", "Ayesha",
    ]
    static let southAsianFamily = [
        "Chaudhry", "Bhandarkaran", "Deshmane", "Raghunathan", "Venkatachar", "Subramani", "Kulkarnee",
        "Malhotran", "Sethuraman", "Jhaveria", "Khanolkar", "Rathnayake", "Siddiqui-Rao", "Thakkarani",
        "Ghoshal", "Banerjia",
    ]
    static let eastAsianMale = [
        "Wei", "Jun", "Hao", "Jian", "Lei", "Tao", "Minh", "Tuan", "Duc", "Hyun", "Min-jun", "Seo-jun", "Hiroshi",
        "Kenji", "Takumi", "Haruto", "Bao", "Quang", "Long", "Cheng",
    ]
    static let eastAsianFemale = [
        "Mei", "Xiu", "Ying", "Lan", "Hua", "Jing", "Linh", "Thao", "Huong", "Ji-woo", "Seo-yeon", "Min-seo",
        "Yuki", "Aiko", "Sakura", "Ngoc", "Mai", "Lien", "Yan", "Xin",
    ]
    static let eastAsianFamily = [
        "Wang", "Li", "Zhang", "Nguyen", "Liu", "Chen", "Kim", "Tran", "Yang", "Huang", "Zhou", "Le", "Park",
        "Pham", "Wu", "Choi", "Sato", "Tanaka", "Xu", "Watanabe",
    ]

    /// Slavic patronymics, used as middle names.
    static func patronymics(male: Bool) -> [String] {
        male
            ? ["Ivanovich", "Petrovich", "Sergeyevich", "Nikolayevich", "Aleksandrovich", "Pavlovich", "Viktorovich"]
            : ["Ivanovna", "Petrovna", "Sergeyevna", "Nikolayevna", "Aleksandrovna", "Pavlovna", "Viktorovna"]
    }
}
