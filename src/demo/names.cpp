#include "demo/names.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

namespace attune::demo {

namespace {

using Names = std::vector<std::string>;

// Children, born 2010–2016: the names in English classrooms now.
const Names kBritishGirls = {
    "Olivia",    "Amelia",  "Isla",      "Ava",      "Mia",       "Ivy",     "Lily",
    "Isabella",  "Rosie",   "Sophia",    "Grace",    "Freya",     "Willow",  "Evie",
    "Florence",  "Poppy",   "Ella",      "Emily",    "Daisy",     "Sienna",  "Phoebe",
    "Millie",    "Ruby",    "Elsie",     "Evelyn",   "Charlotte", "Harper",  "Matilda",
    "Maisie",    "Layla",   "Esme",      "Erin",     "Holly",     "Imogen",  "Scarlett",
    "Chloe",     "Jessica", "Lucy",      "Megan",    "Katie",     "Ellie",   "Hannah",
    "Amber",     "Caitlin", "Keira",     "Lacey",    "Summer",    "Eliza",   "Alice",
    "Martha",    "Harriet", "Beatrice",  "Connie",   "Francesca", "Georgia", "Jasmine",
    "Leah",      "Madison", "Paige",     "Lola",     "Aria",      "Heidi",   "Robyn",
    "Skye",      "Nancy",   "Violet",    "Mabel",    "Bethany",   "Abigail", "Elizabeth",
    "Katherine", "Eleanor", "Lily-Rose", "Ella-Mae", "Zoë",       "Gracie",  "Niamh",
    "Tegan",     "Seren",   "Carys",     "Ffion",    "Eilidh",    "Kirsty",  "Macy",
    "Darcie",    "Lexi",    "Orla",      "Penelope", "Thea",      "Hollie",  "Bonnie",
    "Edie",      "Ayla",    "Nell",      "Isabelle", "Aimee",     "Jodie",   "Tia",
};

const Names kBritishBoys = {
    "Oliver",  "George",    "Noah",    "Arthur",  "Leo",      "Harry",   "Oscar",  "Archie",
    "Henry",   "Theodore",  "Freddie", "Jack",    "Charlie",  "Theo",    "Alfie",  "Jacob",
    "Thomas",  "Finley",    "Arlo",    "William", "Lucas",    "Roman",   "Tommy",  "Isaac",
    "Teddy",   "Alexander", "Luca",    "Edward",  "James",    "Joshua",  "Albie",  "Elijah",
    "Max",     "Mason",     "Reuben",  "Samuel",  "Benjamin", "Logan",   "Daniel", "Ethan",
    "Dylan",   "Harvey",    "Tyler",   "Kai",     "Riley",    "Louie",   "Joseph", "Jenson",
    "Ronnie",  "Toby",      "Rory",    "Callum",  "Lewis",    "Kieran",  "Owen",   "Nathan",
    "Jake",    "Ryan",      "Bobby",   "Frankie", "Stanley",  "Hugo",    "Jude",   "Sebastian",
    "Zachary", "Matthew",   "Aaron",   "Cameron", "Connor",   "Bradley", "Liam",   "Caleb",
    "Ezra",    "Louis",     "Felix",   "Rhys",    "Evan",     "Ellis",   "Hayden", "Morgan",
    "Jamie",   "Dexter",    "Ralph",   "Sonny",   "Carter",   "Billy",   "Jesse",  "Harrison",
    "Brody",   "Kayden",    "Alfred",  "Gethin",  "Ewan",     "Fraser",  "Cody",   "Nathaniel",
    "Tobias",  "Jasper",
};

const Names kIrishGirls = {"Aoife", "Niamh",   "Saoirse", "Ciara",    "Róisín",
                           "Orla",  "Caoimhe", "Sinéad",  "Clodagh",  "Aisling",
                           "Maeve", "Éabha",   "Shannon", "Bridget",  "Kathleen",
                           "Mary",  "Nora",    "Josie",   "Margaret", "Siobhan"};
const Names kIrishBoys = {"Cian",  "Oisín",   "Conor",   "Ciarán", "Darragh", "Pádraig", "Eoin",
                          "Finn",  "Seán",    "Ronan",   "Cathal", "Declan",  "Dónal",   "Fionn",
                          "Tadhg", "Michael", "Patrick", "Johnny", "Martin",  "Christy"};

const Names kEuropeanGirls = {
    "Zuzanna", "Julia", "Maja",    "Zofia",   "Hanna",  "Oliwia",    "Natalia",  "Wiktoria",
    "Ioana",   "Maria", "Andreea", "Elena",   "Bianca", "Alexandra", "Gabriela", "Ieva",
    "Emilija", "Greta", "Sofia",   "Beatriz", "Inês",   "Lara",      "Giulia",   "Chiara",
    "Anna",    "Klara", "Vanesa",  "Nikol",   "Denisa", "Kamila",    "Alesia",   "Roza",
};
const Names kEuropeanBoys = {
    "Jakub",     "Kacper",    "Szymon", "Filip",   "Antoni", "Mateusz", "Wiktor",   "Łukasz",
    "Alexandru", "Andrei",    "Matei",  "David",   "Ștefan", "Darius",  "Ionuț",    "Lukas",
    "Matas",     "Dominykas", "Tiago",  "João",    "Rafael", "Diogo",   "Marco",    "Matteo",
    "Leonardo",  "Arian",     "Erion",  "Dominik", "Patrik", "Mihai",   "Kristian", "Adrian",
};

const Names kSouthAsianGirls = {
    "Aisha",   "Ayesha", "Fatima", "Maryam",  "Zainab",  "Inaaya",  "Hafsa",   "Amina",
    "Safa",    "Noor",   "Anaya",  "Aaliyah", "Khadija", "Sana",    "Zara",    "Hana",
    "Priya",   "Anika",  "Diya",   "Riya",    "Simran",  "Jasleen", "Harleen", "Navneet",
    "Asha",    "Meera",  "Nadia",  "Sumaiya", "Tasnim",  "Nusrat",  "Jannat",  "Ruqayyah",
    "Mehreen", "Iqra",   "Alisha", "Shreya",  "Ishani",  "Kavya",   "Tamanna", "Aleena",
};
const Names kSouthAsianBoys = {
    "Muhammad", "Mohammed", "Ibrahim", "Yusuf",   "Ayaan",    "Zayn",   "Hamza",    "Adam",
    "Ali",      "Ahmed",    "Haroon",  "Bilal",   "Arjun",    "Aarav",  "Rohan",    "Vihaan",
    "Dev",      "Kabir",    "Harjot",  "Gurveer", "Jaskaran", "Aman",   "Rayyan",   "Zakariya",
    "Idris",    "Musa",     "Rehan",   "Sami",    "Faisal",   "Tahmid", "Rahim",    "Sahil",
    "Nikhil",   "Kiran",    "Krish",   "Yash",    "Ishaan",   "Saad",   "Abdullah", "Umar",
};

const Names kAfricanGirls = {
    "Adaeze",   "Chiamaka", "Ifeoma", "Amara",     "Folake",  "Temitope", "Abena",   "Ama",
    "Akosua",   "Efua",     "Nana",   "Ayan",      "Hodan",   "Ifrah",    "Sagal",   "Nimco",
    "Chipo",    "Rutendo",  "Nyasha", "Fatoumata", "Mariama", "Aminata",  "Grace",   "Blessing",
    "Precious", "Favour",   "Esther", "Deborah",   "Peace",   "Imani",    "Kemi",    "Ngozi",
    "Eniola",   "Ruth",     "Hawa",   "Deka",      "Tsion",   "Selam",    "Wanjiru", "Makena",
};
const Names kAfricanBoys = {
    "Chidi",     "Emeka",    "Obinna", "Chinedu",  "Tobi",    "Femi",       "Dayo",     "Kwame",
    "Kofi",      "Kwabena",  "Yaw",    "Kojo",     "Abdi",    "Abdirahman", "Mohamed",  "Hassan",
    "Tatenda",   "Takudzwa", "Farai",  "Simba",    "Mamadou", "Ibrahima",   "Samuel",   "Emmanuel",
    "Joshua",    "Israel",   "Gideon", "Jeremiah", "Ayomide", "Oluwatobi",  "Ikenna",   "Kelechi",
    "Oluwaseun", "Daniel",   "Elijah", "Yonas",    "Dawit",   "Otieno",     "Kipchoge", "Ebuka",
};

const Names kCaribbeanGirls = {"Kayla",  "Tiana",   "Shanice",   "Jada",  "Nia",   "Keisha", "Maya",
                               "Serena", "Jasmine", "Chantelle", "Amari", "Zaria", "Leah",   "Mya",
                               "Renée",  "Tamara",  "Kezia",     "Naomi", "Jaida", "Simone"};
const Names kCaribbeanBoys = {"Jayden", "Tyrese",   "Malachi",   "Jaheim", "Isaiah",
                              "Josiah", "Tyrell",   "Andre",     "Marley", "Kian",
                              "Reon",   "Jermaine", "Zion",      "Kymani", "Darnell",
                              "Devon",  "Romeo",    "Nathaniel", "Joel",   "Levi"};

const Names kChineseGirls = {"Mei",   "Xinyi", "Yuxi",    "Zihan",  "Ling",     "Jia",      "Hui",
                             "Ying",  "Yan",   "Wing",    "Ka Yan", "Michelle", "Vivian",   "Cindy",
                             "Joyce", "Emily", "Jessica", "Yutong", "Shuyi",    "Hoi Ching"};
const Names kChineseBoys = {"Hao",   "Wei",    "Jun",   "Yuxuan", "Zihao",   "Haoran", "Ming",
                            "Tian",  "Ho Yin", "Chun",  "Jason",  "Kevin",   "Marcus", "Justin",
                            "Alvin", "Derek",  "Ethan", "Ryan",   "Zhiyuan", "Ka Ho"};

const Names kOtherGirls = {"Leyla",     "Elif",   "Zeynep",   "Defne", "Ecem",   "Mariam", "Yasmin",
                           "Layan",     "Rania",  "Sara",     "Nour",  "Hiba",   "Shirin", "Parisa",
                           "Zahra",     "Roya",   "Lina",     "Dilan", "Shilan", "Mahsa",  "Camila",
                           "Valentina", "Isabel", "Angelica", "Bea",   "Malak",  "Tala",   "Hevin"};
const Names kOtherBoys = {"Emir",    "Mehmet", "Kerem",   "Mustafa", "Ahmad",  "Omar",     "Karim",
                          "Tariq",   "Khalid", "Youssef", "Hadi",    "Amir",   "Reza",     "Arman",
                          "Dariush", "Karwan", "Rebin",   "Hevi",    "Mateo",  "Santiago", "Diego",
                          "Gabriel", "Miguel", "Yahya",   "Ilyas",   "Bashir", "Sardar",   "Aram"};

// Adults, born 1960–2000, for staff, parents and carers.
const Names kBritishWomen = {
    "Rachel",  "Sarah",     "Claire", "Emma",      "Laura",    "Gemma",   "Helen",     "Joanne",
    "Nicola",  "Rebecca",   "Hannah", "Charlotte", "Victoria", "Natalie", "Stephanie", "Kirsty",
    "Louise",  "Catherine", "Amanda", "Lisa",      "Michelle", "Kerry",   "Danielle",  "Jennifer",
    "Sophie",  "Lauren",    "Amy",    "Zoe",       "Kate",     "Fiona",   "Alison",    "Suzanne",
    "Deborah", "Angela",    "Julie",  "Karen",     "Samantha", "Hayley",  "Leanne",    "Jade",
    "Bethan",  "Eleri",     "Siân",   "Lindsay",   "Gillian",  "Tracey",  "Caroline",  "Jo",
    "Kelly",   "Vicky",     "Ruth",   "Anne",      "Frances",  "Harriet", "Eleanor",   "Jenny",
};
const Names kBritishMen = {
    "David",    "James",  "Mark",        "Paul",     "Daniel",  "Thomas", "Robert", "Richard",
    "Matthew",  "Andrew", "Christopher", "Michael",  "Stephen", "Peter",  "Gareth", "Rhys",
    "Craig",    "Darren", "Lee",         "Dean",     "Wayne",   "Simon",  "Neil",   "Ian",
    "Jonathan", "Ben",    "Adam",        "Luke",     "Sam",     "Joe",    "Ryan",   "Scott",
    "Jamie",    "Gavin",  "Kevin",       "Alan",     "Martin",  "Graham", "Stuart", "Carl",
    "Nathan",   "Owen",   "Huw",         "Alistair", "Rob",     "Chris",  "Phil",   "Tom",
    "Nick",     "Steve",  "Jon",         "Tim",      "Oliver",  "Edward", "Duncan", "Ross",
};

const Names kAdultIrishWomen = {"Siobhan", "Niamh",  "Aoife", "Mary",    "Bridget", "Kathleen",
                                "Orla",    "Sinéad", "Maura", "Deirdre", "Nora",    "Theresa"};
const Names kAdultIrishMen = {"Sean",   "Patrick", "Ciarán",  "Declan", "John",  "Michael",
                              "Martin", "Kieran",  "Brendan", "Liam",   "Eamon", "Padraig"};
const Names kAdultEuropeanWomen = {"Agnieszka", "Monika",  "Katarzyna", "Joanna",   "Ioana",
                                   "Elena",     "Mihaela", "Daiva",     "Ana",      "Paula",
                                   "Silvia",    "Renata",  "Ewa",       "Magdalena"};
const Names kAdultEuropeanMen = {"Piotr", "Tomasz", "Marcin",    "Paweł",  "Andrei",
                                 "Mihai", "Ionuț",  "Darius",    "Tomas",  "Rui",
                                 "Paulo", "Marco",  "Krzysztof", "Gabriel"};
const Names kAdultSouthAsianWomen = {"Farah",  "Shabana",  "Ruksana", "Nasreen", "Parveen",
                                     "Simran", "Harpreet", "Priya",   "Anjali",  "Sunita",
                                     "Nazia",  "Saima",    "Rehana",  "Kiran",   "Shazia"};
const Names kAdultSouthAsianMen = {"Imran",    "Asif", "Tariq",  "Zahid",  "Sajid",
                                   "Rizwan",   "Amit", "Rajesh", "Sanjay", "Vikram",
                                   "Gurpreet", "Arif", "Shahid", "Kamran", "Nadeem"};
const Names kAdultAfricanWomen = {"Funmi", "Ngozi",    "Abena",    "Chipo",  "Comfort",
                                  "Adwoa", "Folasade", "Ifeoma",   "Amina",  "Fadumo",
                                  "Grace", "Joy",      "Patience", "Nkechi", "Yetunde"};
const Names kAdultAfricanMen = {"Tunde",  "Kwame",  "Chidi",    "Emeka",     "Kofi",
                                "Tendai", "Abdi",   "Olusegun", "Babatunde", "Kwesi",
                                "Ahmed",  "Samuel", "Nnamdi",   "Osagie",    "Tafadzwa"};
const Names kAdultCaribbeanWomen = {"Marcia",     "Yvonne",   "Sandra", "Donna",
                                    "Paulette",   "Beverley", "Sonia",  "Claudette",
                                    "Jacqueline", "Andrea",   "Natasha"};
const Names kAdultCaribbeanMen = {"Delroy", "Winston", "Trevor",   "Marcus", "Leon", "Clive",
                                  "Errol",  "Lloyd",   "Courtney", "Dwayne", "Andre"};
const Names kAdultChineseWomen = {"Mei",     "Ling",  "Xiaoling", "Jing", "Wai Man",
                                  "Shirley", "Grace", "Amy",      "Yan",  "Helen"};
const Names kAdultChineseMen = {"Wei",     "Jun",     "Kwok Wai", "Ming", "Tony",
                                "Kenneth", "Stephen", "Hong",     "Lei",  "Wing Kin"};
const Names kAdultOtherWomen = {"Leyla",  "Fatma", "Mariam", "Shirin",  "Rana", "Nasrin",
                                "Zeynep", "Lucia", "Rosa",   "Maricel", "Huda", "Samira"};
const Names kAdultOtherMen = {"Mehmet", "Omar", "Karim",  "Hassan", "Reza",  "Ali",
                              "Ahmad",  "Kawa", "Carlos", "Jose",   "Nabil", "Farid"};

const Names kBritishSurnames = {
    "Smith",       "Jones",     "Taylor",     "Brown",      "Williams",  "Wilson",     "Johnson",
    "Davies",      "Robinson",  "Wright",     "Thompson",   "Evans",     "Walker",     "White",
    "Roberts",     "Green",     "Hall",       "Wood",       "Jackson",   "Clarke",     "Hughes",
    "Edwards",     "Turner",    "Hill",       "Moore",      "Cooper",    "Ward",       "Morris",
    "King",        "Harris",    "Baker",      "Lewis",      "Marshall",  "Parker",     "Harrison",
    "Morgan",      "Allen",     "Scott",      "Mitchell",   "Bennett",   "Carter",     "Shaw",
    "Cook",        "Bailey",    "Griffiths",  "Lloyd",      "Price",     "Barker",     "Fletcher",
    "Holmes",      "Pearson",   "Webb",       "Rowe",       "Ellis",     "Hudson",     "Booth",
    "Dixon",       "Firth",     "Ashworth",   "Whitehead",  "Sutcliffe", "Ackroyd",    "Pickles",
    "Haigh",       "Crowther",  "Kershaw",    "Nuttall",    "Platt",     "Entwistle",  "Lomax",
    "Hargreaves",  "Greenwood", "Ramsden",    "Stansfield", "Holroyd",   "Sugden",     "Wadsworth",
    "Barraclough", "Rhodes",    "Fothergill", "Marsden",    "Mellor",    "Pollard",    "Hartley",
    "Stott",       "Crossley",  "Fawcett",    "Atkinson",   "Bamford",   "Cartwright", "Dawson",
    "Foster",      "Gibson",    "Hodgson",    "Jennings",   "Lambert",   "Norton",     "Osborne",
    "Palmer",      "Reeves",    "Sharpe",     "Tate",       "Vaughan",   "Wade",       "Yates",
    "Young",       "Butler",    "Chapman",    "Fisher",     "Howard",    "Knight",     "Lawson",
    "Mason",       "Nicholls",  "Owen",       "Pritchard",  "Rees",      "Stevens",    "Thomas",
    "Underwood",   "Wilkinson", "Morton",     "Burgess",    "Cross",     "Freeman",    "Hayes",
    "Jenkins",     "Powell",    "Hopkins",    "Llewellyn",  "Pugh",      "Fraser",     "Campbell",
    "Stewart",     "MacLeod",   "Henderson",  "Ross",       "Sinclair",  "Ferguson",   "Dunn",
};
const Names kIrishSurnames = {"Murphy",     "Kelly",      "O'Brien",  "Byrne",    "Ryan",
                              "O'Sullivan", "Walsh",      "O'Connor", "McCarthy", "Doyle",
                              "Kennedy",    "Lynch",      "Murray",   "Quinn",    "Moran",
                              "Brennan",    "Gallagher",  "Doherty",  "Donnelly", "McDonagh",
                              "Joyce",      "Connors",    "Maughan",  "Keenan",   "Flynn",
                              "Nolan",      "Fitzgerald", "Duffy",    "Kavanagh", "O'Neill"};
const Names kEuropeanSurnames = {
    "Nowak",    "Wójcik",  "Kaczmarek", "Mazur",    "Krawczyk", "Zając",    "Wróbel",   "Dudek",
    "Popescu",  "Ionescu", "Popa",      "Dumitru",  "Stan",     "Stoica",   "Gheorghe", "Rusu",
    "Munteanu", "Silva",   "Santos",    "Ferreira", "Pereira",  "Costa",    "Oliveira", "Rodrigues",
    "Rossi",    "Russo",   "Esposito",  "Romano",   "Hoxha",    "Krasniqi", "Berisha",  "Gashi",
    "Nagy",     "Horváth", "Tóth",      "Szabó",    "Kovács",   "Lakatos",  "Balog",    "Dragomir"};
const Names kSouthAsianSurnames = {
    "Patel",    "Khan",   "Ahmed",  "Hussain", "Ali",     "Iqbal",     "Shah",     "Mahmood",
    "Akhtar",   "Rahman", "Uddin",  "Miah",    "Islam",   "Chowdhury", "Hossain",  "Sharma",
    "Singh",    "Gill",   "Sandhu", "Dhillon", "Sidhu",   "Mistry",    "Chauhan",  "Parmar",
    "Joshi",    "Desai",  "Mehta",  "Kumar",   "Gupta",   "Nair",      "Pillai",   "Perera",
    "Fernando", "Raza",   "Butt",   "Malik",   "Qureshi", "Siddiqui",  "Chaudhry", "Rashid",
    "Saleem",   "Yousaf", "Karim",  "Thapa",   "Gurung",  "Bibi",      "Anwar",    "Begum",
};
const Names kAfricanSurnames = {
    "Okafor",  "Adeyemi", "Okoye",   "Mensah",  "Asante",   "Boateng", "Owusu",  "Osei",
    "Adebayo", "Balogun", "Eze",     "Nwosu",   "Abubakar", "Mohamed", "Hassan", "Abdi",
    "Warsame", "Yusuf",   "Omar",    "Moyo",    "Ncube",    "Dube",    "Mutasa", "Kamara",
    "Sesay",   "Conteh",  "Bangura", "Kabongo", "Mbuyi",    "Nkosi",   "Otieno", "Kariuki",
    "Mwangi",  "Tesfaye", "Bekele",  "Haile",   "Diallo",   "Traoré",  "Keita",  "Ogunleye",
    "Afolabi", "Okonkwo", "Chukwu",  "Amoah",   "Appiah",   "Darko",   "Adjei",  "Oyelaran",
};
const Names kCaribbeanSurnames = {
    "Campbell", "Brown",    "Thompson", "Williams", "Francis", "Clarke",   "Grant",  "Reid",
    "Henry",    "Lewis",    "Morgan",   "Richards", "Samuels", "Bailey",   "Gayle",  "Forbes",
    "Spence",   "McKenzie", "Powell",   "Benjamin", "Douglas", "Lawrence", "Joseph", "Charles",
    "Bryan",    "Wint",     "Blake",    "Hinds",    "Greaves", "Bygrave"};
const Names kChineseSurnames = {"Wong", "Chan",  "Li",   "Zhang", "Wang",  "Chen", "Liu",
                                "Yang", "Huang", "Zhao", "Wu",    "Zhou",  "Lam",  "Cheung",
                                "Ho",   "Ng",    "Lau",  "Tang",  "Leung", "Yip",  "Lin",
                                "Xu",   "Sun",   "Guo",  "Tse",   "Fung"};
const Names kOtherSurnames = {
    "Yılmaz", "Demir",    "Kaya",    "Aydın",     "Çelik",   "Şahin",    "Öztürk",  "Karimi",
    "Ahmadi", "Hosseini", "Rahimi",  "Mohammadi", "Hussein", "Abdullah", "Haddad",  "Khalil",
    "Nasser", "Saleh",    "Mansour", "Aziz",      "Rasul",   "Amin",     "Qadir",   "Noori",
    "Safi",   "Reyes",    "Cruz",    "Bautista",  "Garcia",  "Gómez",    "Álvarez", "Mendoza"};

const std::pair<const char*, const char*> kShortForms[] = {
    {"Alexander", "Alex"}, {"Benjamin", "Ben"},     {"Oliver", "Ollie"},    {"Samuel", "Sam"},
    {"Thomas", "Tom"},     {"Joshua", "Josh"},      {"Daniel", "Dan"},      {"Matthew", "Matt"},
    {"Nathaniel", "Nate"}, {"Zachary", "Zach"},     {"Sebastian", "Seb"},   {"Theodore", "Teddy"},
    {"William", "Will"},   {"Elizabeth", "Lizzie"}, {"Katherine", "Kate"},  {"Jessica", "Jess"},
    {"Isabella", "Bella"}, {"Eleanor", "Ellie"},    {"Abigail", "Abbie"},   {"Charlotte", "Lottie"},
    {"Matilda", "Tilly"},  {"Oluwaseun", "Seun"},   {"Oluwatobi", "Tobi"},  {"Ayomide", "Ayo"},
    {"Temitope", "Temi"},  {"Chiamaka", "Amaka"},   {"Abdirahman", "Abdi"}, {"Alexandra", "Sasha"},
};

const std::pair<const char*, const char*> kFamous[] = {
    {"Charlie", "Brown"}, {"Tom", "Jones"},    {"James", "Brown"},   {"Michael", "Jackson"},
    {"Paul", "Smith"},    {"John", "Lewis"},   {"Harry", "Hill"},    {"Emma", "Thompson"},
    {"Ian", "Wright"},    {"Kelly", "Holmes"}, {"Mark", "Williams"}, {"Ryan", "Giggs"},
    {"Lily", "Allen"},    {"Jamie", "Carter"},
};

const char* const kSchoolNames[] = {
    "Hollins Brook Academy",     "Larkwell Vale School",   "Kestrel Rise Academy",
    "Ashcombe Moor School",      "Tannery Hill Academy",   "Willowmere High School",
    "Ravensholme Academy",       "Fernley Beck School",    "Brackenridge Academy",
    "Millbeck Community School", "Thornwick Park Academy", "Siskin Lane School",
};

// Accented letters the lists use, and their plain forms.
const std::pair<const char*, const char*> kPlain[] = {
    {"á", "a"}, {"à", "a"}, {"ă", "a"}, {"â", "a"}, {"ą", "a"}, {"ç", "c"}, {"ć", "c"}, {"é", "e"},
    {"ë", "e"}, {"ę", "e"}, {"í", "i"}, {"ı", "i"}, {"ł", "l"}, {"Ł", "l"}, {"ó", "o"}, {"ö", "o"},
    {"ș", "s"}, {"ş", "s"}, {"Ș", "s"}, {"Ş", "s"}, {"ț", "t"}, {"ü", "u"}, {"É", "e"}, {"Ç", "c"},
    {"Ö", "o"}, {"Á", "a"}, {"ê", "e"}, {"ã", "a"}, {"ú", "u"}, {"Ó", "o"},
};

}  // namespace

const std::vector<std::string>& ChildFirstNames(Heritage heritage, std::string_view sex) {
  bool girl = sex == "F";
  switch (heritage) {
    case Heritage::kBritish:
      return girl ? kBritishGirls : kBritishBoys;
    case Heritage::kIrish:
      return girl ? kIrishGirls : kIrishBoys;
    case Heritage::kEuropean:
      return girl ? kEuropeanGirls : kEuropeanBoys;
    case Heritage::kSouthAsian:
      return girl ? kSouthAsianGirls : kSouthAsianBoys;
    case Heritage::kAfrican:
      return girl ? kAfricanGirls : kAfricanBoys;
    case Heritage::kCaribbean:
      return girl ? kCaribbeanGirls : kCaribbeanBoys;
    case Heritage::kChinese:
      return girl ? kChineseGirls : kChineseBoys;
    case Heritage::kOther:
      return girl ? kOtherGirls : kOtherBoys;
  }
  return girl ? kBritishGirls : kBritishBoys;
}

const std::vector<std::string>& AdultFirstNames(Heritage heritage, std::string_view sex) {
  bool woman = sex == "F";
  switch (heritage) {
    case Heritage::kBritish:
      return woman ? kBritishWomen : kBritishMen;
    case Heritage::kIrish:
      return woman ? kAdultIrishWomen : kAdultIrishMen;
    case Heritage::kEuropean:
      return woman ? kAdultEuropeanWomen : kAdultEuropeanMen;
    case Heritage::kSouthAsian:
      return woman ? kAdultSouthAsianWomen : kAdultSouthAsianMen;
    case Heritage::kAfrican:
      return woman ? kAdultAfricanWomen : kAdultAfricanMen;
    case Heritage::kCaribbean:
      return woman ? kAdultCaribbeanWomen : kAdultCaribbeanMen;
    case Heritage::kChinese:
      return woman ? kAdultChineseWomen : kAdultChineseMen;
    case Heritage::kOther:
      return woman ? kAdultOtherWomen : kAdultOtherMen;
  }
  return woman ? kBritishWomen : kBritishMen;
}

const std::vector<std::string>& Surnames(Heritage heritage) {
  switch (heritage) {
    case Heritage::kBritish:
      return kBritishSurnames;
    case Heritage::kIrish:
      return kIrishSurnames;
    case Heritage::kEuropean:
      return kEuropeanSurnames;
    case Heritage::kSouthAsian:
      return kSouthAsianSurnames;
    case Heritage::kAfrican:
      return kAfricanSurnames;
    case Heritage::kCaribbean:
      return kCaribbeanSurnames;
    case Heritage::kChinese:
      return kChineseSurnames;
    case Heritage::kOther:
      return kOtherSurnames;
  }
  return kBritishSurnames;
}

std::string ShortForm(std::string_view first_name) {
  for (const auto& [full, short_form] : kShortForms) {
    if (first_name == full) return short_form;
  }
  return "";
}

bool IsFamousName(std::string_view first_name, std::string_view last_name) {
  return std::any_of(std::begin(kFamous), std::end(kFamous), [&](const auto& famous) {
    return first_name == famous.first && last_name == famous.second;
  });
}

std::string SchoolBaseName(int school) {
  constexpr int kCount = sizeof kSchoolNames / sizeof kSchoolNames[0];
  std::string name = kSchoolNames[(school - 1) % kCount];
  if (school > kCount) {
    name += " ";
    name += std::to_string((school - 1) / kCount + 1);
  }
  return name;
}

std::string EmailPart(std::string_view name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    unsigned char c = name[i];
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    bool known = false;
    for (const auto& [accented, plain] : kPlain) {
      std::string_view a(accented);
      if (name.substr(i, a.size()) == a) {
        out += plain;
        i += a.size();
        known = true;
        break;
      }
    }
    if (!known) {
      ++i;  // skip the rest of an unknown multi-byte letter
      while (i < name.size() && (static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

}  // namespace attune::demo
