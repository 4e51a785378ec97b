/**
 * British person names for the en_GB locale. faker's own en_GB definitions (which synth loads) carry no
 * names of their own: person.firstName and person.lastName fall back to faker's generic English lists,
 * most of them American. These lists replace them when a schema says `"x-synth-locale": "en_GB"`.
 *
 * Source: written for synth from names that are common in Great Britain. Forenames: names given to
 * many children born in England and Wales since about 2005 (compare the ONS series "Baby names in
 * England and Wales", Open Government Licence v3.0). Surnames: common surnames of England, Wales and
 * Scotland. Lists of plausible names, not frequency tables: every name is equally likely, and no
 * name or count here comes from any record of a real person.
 */

export const FEMALE_FORENAMES = [
  "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Poppy", "Ella",
  "Lily", "Evie", "Isabella", "Sophie", "Ivy", "Freya", "Harper", "Willow", "Charlotte", "Jessica",
  "Rosie", "Daisy", "Alice", "Florence", "Phoebe", "Matilda", "Sienna", "Evelyn", "Ruby", "Millie",
  "Chloe", "Isabelle", "Elsie", "Scarlett", "Sofia", "Esme", "Maya", "Lucy", "Imogen", "Erin",
  "Holly", "Ellie", "Megan", "Layla", "Hannah", "Lola", "Emma", "Eliza", "Aria", "Zara",
  "Amber", "Bella", "Thea", "Georgia", "Violet", "Lottie", "Mila", "Maisie", "Eva", "Harriet",
  "Gracie", "Molly", "Rose", "Emilia", "Summer", "Aisha", "Maryam", "Fatima", "Hallie", "Robyn",
  "Orla", "Niamh", "Katie", "Darcey", "Amelie", "Bethany", "Nancy", "Abigail", "Eleanor", "Elizabeth",
  "Heidi", "Hollie", "Lacey", "Faith", "Martha", "Lexi", "Jasmine", "Paige", "Anna", "Leah",
  "Lydia", "Elena", "Francesca", "Ada", "Iris", "Maria", "Nell", "Beatrice", "Clara", "Edith",
  "Mabel", "Penelope", "Ophelia", "Aurora", "Hazel", "Luna", "Margot", "Kitty", "Primrose", "Zoe",
  "Tilly", "Olive", "Annabelle", "Caitlin", "Lauren", "Rebecca", "Amy", "Eloise", "Madison", "Jade",
  "Keira", "Libby", "Skye", "Alexa", "Maddison", "Hafsa", "Zainab", "Khadija", "Amira", "Eden",
  "Frankie", "Arabella", "Rosa", "Victoria", "Georgina", "Naomi", "Bonnie", "Esther", "Felicity", "Cora",
] as const;

export const MALE_FORENAMES = [
  "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Muhammad", "Oscar", "Charlie",
  "Jacob", "Thomas", "Henry", "William", "Freddie", "Alfie", "Theo", "Archie", "Joshua", "James",
  "Alexander", "Isaac", "Edward", "Lucas", "Ethan", "Max", "Logan", "Mason", "Samuel", "Joseph",
  "Finley", "Daniel", "Teddy", "Dylan", "Harrison", "Benjamin", "Adam", "Sebastian", "Riley", "Arlo",
  "Hugo", "Jaxon", "Reggie", "Tommy", "Albie", "Elijah", "Jude", "Louie", "Ronnie", "Rory",
  "Toby", "Reuben", "Zachary", "Lewis", "Luke", "Ryan", "Jamie", "Tyler", "Dexter", "Elliot",
  "Jenson", "Ollie", "Stanley", "Bobby", "Liam", "Jayden", "Kai", "Owen", "Caleb", "Matthew",
  "Nathan", "Callum", "Aaron", "Ben", "Connor", "Kian", "Ibrahim", "Yusuf", "Ali", "Omar",
  "Ezra", "Louis", "Albert", "Frederick", "Jasper", "Sonny", "Felix", "Harvey", "Gabriel", "Carter",
  "Rowan", "Michael", "David", "Ellis", "Jake", "Cameron", "Evan", "Hunter", "Alfred", "Austin",
  "Blake", "Bradley", "Brandon", "Charles", "Christopher", "Cody", "Dominic", "Eli", "Ewan", "Fraser",
  "Hamza", "Jesse", "Joel", "Jonah", "Kieran", "Kyle", "Leon", "Marcus", "Morgan", "Nathaniel",
  "Niall", "Patrick", "Rhys", "Robert", "Ruben", "Sam", "Sean", "Seth", "Spencer", "Stephen",
  "Tobias", "Vincent", "Zak", "Harley", "Ashton", "Ayaan", "Musa", "Idris", "Otis", "Monty",
] as const;

export const SURNAMES = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
  "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
  "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
  "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
  "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
  "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
  "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
  "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
  "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight",
  "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
  "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart",
  "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West",
  "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien",
  "Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis", "Rees",
  "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe",
  "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland",
  "Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver", "Reed", "Kennedy", "Williamson", "Bird",
  "Gardner", "Shah", "Dean", "Lane", "Cooke", "Bates", "Henderson", "Parry", "Burgess", "Bishop",
  "Walton", "Burns", "Nicholson", "Shepherd", "Ross", "Cross", "Long", "Freeman", "Warren", "Nicholls",
  "Hamilton", "Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson", "Curtis", "Hopkins", "O'Connor",
  "Harper", "Coleman", "Watkins", "Moss", "McCarthy", "Chambers", "Griffin", "Sharp", "Hardy", "Wheeler",
  "Potter", "Osborne", "Johnston", "Gordon", "Doyle", "Wallace", "George", "Jordan", "Hutchinson", "Rowe",
  "Burke", "May", "Pritchard", "Gilbert", "Willis", "Higgins", "Read", "Miles", "Stevenson", "Stephenson",
  "Hammond", "Arnold", "Buckley", "Walters", "Hewitt", "Barber", "Nelson", "Slater", "Austin", "Sullivan",
  "Whitehead", "Mann", "Frost", "Lambert", "Stephens", "Blake", "Akhtar", "Lynch", "Goodwin", "Barton",
  "Woodward", "Thomson", "Cunningham", "Quinn", "Barnett", "Baxter", "Bibi", "Clayton", "Nash", "Greenwood",
  "Jennings", "Holt", "Kemp", "Poole", "Gallagher", "Bond", "Stokes", "Tucker", "Davidson", "Fowler",
  "Heath", "Norman", "Middleton", "Lawson", "Banks", "French", "Stanley", "Jarvis", "Gibbs", "Ferguson",
  "Hayward", "Carroll", "Douglas", "Dickinson", "Todd", "Barlow", "Peters", "Lucas", "Knowles", "Hartley",
  "Miah", "Simmons", "Morton", "Alexander", "Field", "Morrison", "Norris", "Townsend", "Preston", "Hancock",
] as const;
