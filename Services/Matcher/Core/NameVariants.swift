/// A table of given-name variants: English diminutives (Bill for William, Peggy for Margaret)
/// and transliteration variants (Mohammed/Muhammad/Mohamed, Aleksandr/Oleksandr).
///
/// Why a table: nicknames share neither spelling nor sound with the formal name, so neither
/// Jaro–Winkler nor Double Metaphone can see that Bill is William; only a list can. Two names
/// are *variants* when they belong to a common group. Groups are not merged transitively:
/// short forms such as "al" or "chris" sit in several groups, and closing over them would
/// make Albert a variant of Alexander.
///
/// Entries are folded (lower-case, no diacritics), as names reach the matcher. A handful of
/// family-name transliteration groups (Zhang/Chang, Park/Pak) are included because the same
/// table serves both name parts.
public enum NameVariants {
    /// Identifies one group; stable for a given table version.
    public typealias GroupID = UInt16

    /// The groups `name` belongs to, in table order (empty if none).
    public static func groups(of name: String) -> [GroupID] {
        table.groupsByName[name] ?? []
    }

    /// The first group `name` belongs to: its canonical group id, or nil if it has no variants.
    public static func canonicalGroup(of name: String) -> GroupID? {
        table.groupsByName[name]?.first
    }

    /// The canonical (first-listed) name of a group, e.g. "william" for the group of "bill".
    public static func canonicalName(of group: GroupID) -> String {
        table.canonicalNames[Int(group)]
    }

    /// True when two different names share a variant group.
    public static func areVariants(_ a: String, _ b: String) -> Bool {
        guard a != b, let ga = table.groupsByName[a], let gb = table.groupsByName[b] else { return false }
        return shareGroup(ga, gb)
    }

    /// True when two group lists intersect (lists are tiny: a linear scan beats a set).
    @inline(__always)
    static func shareGroup(_ a: [GroupID], _ b: [GroupID]) -> Bool {
        for x in a where b.contains(x) { return true }
        return false
    }

    /// Number of groups in the table.
    public static var groupCount: Int { table.canonicalNames.count }

    private struct Table: Sendable {
        let groupsByName: [String: [GroupID]]
        let canonicalNames: [String]
    }

    private static let table: Table = {
        var byName: [String: [GroupID]] = [:]
        var canonical: [String] = []
        for line in englishDiminutives + transliterations {
            let names = line.split(separator: " ").map(String.init)
            let id = GroupID(canonical.count)
            canonical.append(names[0])
            for name in Set(names) { byName[name, default: []].append(id) }
        }
        return Table(groupsByName: byName, canonicalNames: canonical)
    }()

    /// English diminutives and spelling variants; the formal name comes first.
    static let englishDiminutives: [String] = [
        // Men's names.
        "william bill billy will willie willy wil liam",
        "robert bob bobby rob robbie robby bobbie bert",
        "james jim jimmy jimmie jamie jem",
        "john jack johnny johnnie jon jonny",
        "richard dick dickie rick ricky rich richie",
        "michael mike mikey mick mickey micky",
        "thomas tom tommy thom tomas",
        "charles charlie chuck chas chaz",
        "joseph joe joey jos",
        "daniel dan danny",
        "matthew matt matty mat",
        "anthony tony antony",
        "christopher chris kit topher christoph",
        "edward ed eddie eddy ned ted teddy",
        "edwin ed eddie",
        "edmund ed eddie ned",
        "theodore ted teddy theo",
        "steven steve stevie stephen stephan",
        "andrew andy drew",
        "david dave davy davey davie",
        "kenneth ken kenny",
        "joshua josh",
        "benjamin ben benny benji benjy",
        "samuel sam sammy",
        "alexander alex al alec sandy xander lex",
        "nicholas nick nicky nico nic nicolas nikolas",
        "jonathan jon jonny",
        "nathaniel nate nat nathan",
        "nathan nate nat",
        "gregory greg gregg",
        "patrick pat paddy patty",
        "peter pete petey",
        "timothy tim timmy",
        "raymond ray",
        "donald don donnie donny",
        "ronald ron ronnie ronny",
        "gerald gerry jerry",
        "jeremy jerry jeremiah",
        "jeffrey jeff geoffrey geoff jeffery",
        "lawrence larry laurence lawrie",
        "leonard len lenny leo",
        "frederick fred freddie freddy fritz frederic",
        "francis frank frankie fran",
        "franklin frank frankie",
        "henry harry hank hal",
        "harold harry hal",
        "walter walt wally",
        "albert al bert bertie",
        "alfred al alf alfie fred",
        "arthur art artie",
        "eugene gene",
        "vincent vince vinny vin",
        "phillip phil philip pip",
        "douglas doug",
        "stanley stan",
        "zachary zach zack zak zachery",
        "jacob jake",
        "isaac ike",
        "louis lou louie lewis",
        "gabriel gabe",
        "maximilian max",
        "maxwell max",
        "oliver ollie olly",
        "abraham abe bram",
        "solomon sol",
        "herbert herb bert",
        "gilbert gil bert",
        "randolph randy",
        "randall randy",
        "bradley brad",
        "mitchell mitch",
        "terrence terry terence",
        "tobias toby",
        "sebastian seb",
        "jerome jerry",
        "clifford cliff",
        "cornelius neil con",
        "dominic dom dominick",
        "elijah eli",
        "ezekiel zeke",
        "reginald reggie reg",
        "russell russ",
        "augustus gus augie august",
        "montgomery monty",
        "leopold leo",
        "bartholomew bart",
        "benedict ben",
        "cameron cam",
        "ferdinand ferdie",
        "gordon gordie",
        "howard howie",
        "marvin marv",
        "norman norm",
        "calvin cal",
        "mathias matt",
        "wesley wes",
        "sylvester sly",
        "clarence clare",
        "allen al allan alan",
        "emmanuel manny manuel",
        "fitzgerald fitz",
        "ignatius iggy",
        "jefferson jeff",
        "marshall marsh",
        "percival percy",
        "rudolph rudy rudolf",
        "stuart stu stewart",
        "harrison harry",
        "dennis denny",
        "curtis curt",
        "lucas luke",
        "luther lute",
        "manfred manny",
        "roderick rod roddy",
        "rodney rod",
        // Women's names.
        "elizabeth liz lizzie lizzy beth betty bess bessie eliza betsy libby elisabeth",
        "margaret peggy maggie meg marge margie greta madge",
        "catherine kate katie cathy kathy kat kit katherine kathryn katharine cat kay",
        "jennifer jen jenny jenn",
        "patricia pat patty trish tricia patsy",
        "susan sue suzy susie",
        "deborah deb debbie debby debra",
        "barbara barb babs",
        "dorothy dot dottie dolly dora",
        "jessica jess jessie",
        "rebecca becky becca beck",
        "victoria vicky vickie tori",
        "christine chris chrissy tina kristine christina kristina",
        "alexandra alex alexa sandra sandy lexi",
        "samantha sam sammy",
        "abigail abby abbie gail",
        "amanda mandy",
        "kimberly kim kimberley",
        "pamela pam",
        "sandra sandy",
        "cynthia cindy",
        "judith judy",
        "theresa terry tess tessa teresa",
        "jacqueline jackie jacquie",
        "josephine jo josie",
        "joanna jo joanne",
        "virginia ginny ginger",
        "eleanor ellie nell nellie ella",
        "helen nell nellie",
        "frances fran frannie francie",
        "caroline carrie carol carolina",
        "angela angie",
        "veronica ronnie",
        "stephanie steph",
        "natalie nat",
        "nicole nikki nicky",
        "gwendolyn gwen wendy",
        "melissa mel missy",
        "melanie mel",
        "kathleen kathy kath",
        "suzanne sue suzy",
        "valerie val",
        "matilda tilly tilda mattie",
        "harriet hattie",
        "henrietta etta hetty",
        "penelope penny",
        "priscilla cilla",
        "roberta bobbie bobbi",
        "wilhelmina willa mina minnie",
        "marjorie marge margie margery",
        "mary molly polly mae mamie",
        "sarah sally sadie sara",
        "anne ann anna annie nan nancy",
        "emily em emmy millie",
        "emma em emmy",
        "amelia amy millie",
        "mildred millie",
        "cassandra cass cassie",
        "constance connie",
        "gertrude gertie trudy",
        "isabel izzy bella belle isabella isabelle isobel",
        "jane janie",
        "joan jo",
        "lillian lily lil",
        "madeline maddie maddy madeleine madelyn",
        "sophia sophie",
        "tabitha tabby",
        "louise lou lulu louisa",
        "beatrice bea trixie",
        "charlotte charlie lottie",
        "geraldine gerry",
        "jillian jill",
        "leonora nora",
        "honora nora",
        "evelyn evie eve",
        "lorraine lori",
        "cecilia cece",
        "clementine clem",
        "ernestine tina",
        "florence flo florrie",
        "gabrielle gabby gabriella",
        "rosemary rose rosie",
        "tamara tammy",
        "ursula ursa",
    ]

    /// Transliteration variants of the same name from other scripts.
    static let transliterations: [String] = [
        "muhammad mohammed mohamed mohammad mohamad muhammed mohamud mahomed mehmet muhamed mohd",
        "alexander aleksandr oleksandr alexandr aleksander alexandre alejandro alessandro aleksandar",
        "yusuf youssef yousef yousuf yosef yussuf youcef",
        "ahmed ahmad ahmet akhmed",
        "mustafa mustapha moustafa mostafa",
        "hussein husain hussain husayn hossein huseyin",
        "abdullah abdallah abdulla abdellah",
        "omar umar omer",
        "osman othman uthman usman",
        "ibrahim ebrahim ibragim brahim",
        "ismail ismael esmail ismayil",
        "khalid khaled",
        "hassan hasan",
        "mahmoud mahmud mahmood",
        "abdulrahman abdelrahman abderrahmane abdurrahman",
        "abdulaziz abdelaziz",
        "yahya yehia yahia",
        "yasin yaseen yassin yassine",
        "fatima fatimah fatma fatemeh fatuma",
        "aisha ayesha aysha aicha aishah",
        "maryam mariam miriam meryem mariyam",
        "sergei sergey serhiy sergiy",
        "dmitri dmitry dmytro dimitri dmitrii",
        "yuri yury yuriy iurii jurij",
        "andrei andrey andriy andrej",
        "mikhail mykhailo michail mikail mihail",
        "nikolai nikolay mykola nicolai",
        "pyotr petr petro piotr",
        "yevgeny evgeny evgeniy yevhen evgenii",
        "vladimir volodymyr wladimir",
        "aleksei alexei alexey oleksiy aleksey",
        "olga olha",
        "natalia nataliya natalya",
        "tatiana tatyana tetiana tatjana",
        "yekaterina ekaterina katerina kateryna",
        "elena yelena olena jelena",
        "yulia yuliya iuliia julia",
        "igor ihor",
        "yaroslav jaroslav",
        // Family names romanised from Chinese and Korean.
        "zhang chang cheung",
        "zhou chou chow",
        "huang hwang wong",
        "lee li yi rhee ri",
        "park pak bak",
        "choi choe choy",
    ]
}
