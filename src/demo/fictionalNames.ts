/**
 * Names for people who do not exist. Family names are invented compounds no real family is likely to
 * carry, so a demo record can never be mistaken for, or matched to, a real child; given names are
 * ordinary, so search and matching behave as they would with real data.
 */
export const FAMILY_NAMES = [
  "Amberfield", "Brackenby", "Cobblewick", "Dunmoreland", "Elderwhistle", "Fernhollow", "Gorsethwaite", "Hollowmarsh",
  "Inglemoss", "Juniperdale", "Kettleworthy", "Larkspindle", "Marrowbeck", "Nettlebury", "Oakenshawe", "Pebblethorpe",
  "Quillbury", "Rushmoorland", "Saltmarrow", "Thistlecombe", "Umberwick", "Vetchworth", "Willowmire", "Yarrowby",
  "Zephyrcott", "Bramblecote", "Copperbeck", "Dapplewood", "Emberling", "Foxglovely", "Gingerbrook", "Hawthornby",
  "Kindlewick", "Lanternfield", "Mistleburn", "Nutmeggan", "Orchardine", "Puddlestone", "Quenchwell", "Rookwhistle",
  "Sorrelby", "Tumbledown", "Wickerstaff", "Acornwhistle", "Buttercombe", "Candlethorpe", "Driftmoor", "Eddystoke",
  "Flintwhistle", "Glimmerdale", "Hedgeworthy", "Ironmantle", "Jollybrook", "Kelpington", "Lindenwick", "Mossbottle",
  "Nightjarrow", "Otterbrook", "Pipistrelle", "Quarrywick", "Ravenmoss", "Starlingford", "Tansywell", "Underbriar",
  "Velvetcombe", "Wrenthistle", "Yewbarrow", "Ashcrumble", "Briarwhistle", "Cloudberry", "Dewhollow", "Elmswaddle",
  "Fiddlecombe", "Gooseberrow", "Hearthwick", "Inkwhistle", "Jackdawley", "Kipperling", "Lumbermoss", "Mallowmere",
] as const;

export const GIRLS_NAMES = [
  "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow", "Rosie", "Sophia",
  "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella", "Evelyn", "Phoebe", "Sofia", "Evie",
  "Charlotte", "Harper", "Millie", "Matilda", "Aisha", "Maryam", "Zara", "Ruby", "Chloe", "Jessica", "Megan",
  "Hannah", "Leah", "Amber", "Niamh", "Layla",
] as const;

export const BOYS_NAMES = [
  "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore", "Freddie",
  "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo", "William", "Lucas", "Roman", "Tommy",
  "Isaac", "Teddy", "Ethan", "Joshua", "Mason", "Reuben", "Kai", "Ryan", "Callum", "Tyler", "Liam", "Dylan",
  "Jayden", "Aaron", "Kieran", "Owen",
] as const;

export const WOMENS_NAMES = [
  "Sarah", "Laura", "Emma", "Rebecca", "Claire", "Gemma", "Kelly", "Nicola", "Hayley", "Natalie", "Stacey", "Lisa",
  "Amy", "Rachel", "Jade", "Danielle", "Kirsty", "Leanne", "Samantha", "Victoria", "Fatima", "Nadia", "Joanne", "Donna",
] as const;

export const MENS_NAMES = [
  "David", "Daniel", "James", "Michael", "Christopher", "Mark", "Paul", "Matthew", "Richard", "Lee", "Craig", "Darren",
  "Wayne", "Jason", "Stuart", "Gary", "Adam", "Ben", "Tariq", "Imran", "Scott", "Carl", "Dean", "Shaun",
] as const;

/**
 * Family names for the professionals in the records (social workers, officers, DSLs), kept apart from
 * the families' names so a practitioner is never confused with a child's relative in a search.
 */
export const STAFF_FAMILY_NAMES = [
  "Wellspring", "Lodestar", "Harbourwick", "Keystonely", "Compassworth", "Anchorby", "Helmsworthy", "Waymarker",
  "Lanternly", "Steadfast", "Mentorley", "Guardwell", "Carewell", "Haventhorpe", "Beaconsby", "Shelterby",
] as const;
