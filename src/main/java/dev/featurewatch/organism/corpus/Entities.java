package dev.featurewatch.organism.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Everyday entities the scene families share: people, places, objects, jobs, animals, towns.
 * Each list is a {@link SplitPool}, so held-out transcripts meet people and things the model
 * never saw in training.
 *
 * <p>The lists avoid words that belong to a concept or to another list: no first name is a
 * month, a president's first name or a common word (May, Rose, Bill, Will, Grace), no surname is a
 * president's, no town contains "bridge", no object is a Japanese or Italian dish, and no animal
 * is an insect. New items go at the end of a list, so the split of the old ones stays put.
 */
final class Entities {
  private Entities() {}

  /** A person's first name with the pronouns templates need. */
  record Person(String name, boolean female) {
    String he() {
      return female ? "she" : "he";
    }

    String him() {
      return female ? "her" : "him";
    }

    String his() {
      return female ? "her" : "his";
    }
  }

  private static final String[] WOMEN = {
    "Mary", "Emma", "Olivia", "Sofia", "Mia", "Chloe", "Lucy", "Hannah", "Zoe", "Nora",
    "Lily", "Ella", "Clara", "Alice", "Ruby", "Sarah", "Laura", "Anna", "Julia", "Maya",
    "Leah", "Amara", "Priya", "Yuki", "Fatima", "Ingrid", "Elena", "Greta", "Nina", "Tessa",
    "Wendy", "Paula", "Rachel", "Helen", "Irene", "Diana", "Karen", "Fiona", "Bella", "Isla",
    "Aisha", "Beatriz", "Camila", "Daria", "Esther", "Freya", "Gemma", "Harriet", "Imani", "Jasmine",
    "Keiko", "Lena", "Marta", "Naomi", "Olga", "Petra", "Ines", "Selma", "Talia", "Ursula",
    "Vera", "Yara", "Zainab", "Noor", "Agnes", "Leila", "Mei", "Sanna", "Tamsin", "Edith"};

  private static final String[] MEN = {
    "John", "Tom", "Sam", "Leo", "Ben", "Max", "Oliver", "Noah", "Jack", "Liam",
    "Ethan", "Lucas", "Oscar", "Felix", "Hugo", "Theo", "Omar", "Ravi", "Kenji", "Mateo",
    "Diego", "Pablo", "Ivan", "Lars", "Kofi", "Yusuf", "Adam", "Daniel", "Peter", "Simon",
    "Victor", "Martin", "Paul", "Eric", "Owen", "Ryan", "Kevin", "Brian", "Tariq", "Hassan",
    "Ahmed", "Bruno", "Carlos", "Dmitri", "Emil", "Farid", "Gustav", "Henrik", "Idris", "Jonas",
    "Kwame", "Luca", "Marco", "Nikolai", "Otto", "Pedro", "Rafael", "Stefan", "Tobias", "Umar",
    "Xavier", "Yosef", "Zane", "Arjun", "Bilal", "Cyrus", "Declan", "Emeka", "Finn", "Goran"};

  /** First names, women and men alternating so both splits get both. */
  static final SplitPool<Person> PEOPLE = SplitPool.of("entities.people", people());

  /** Surnames; none is a US president's. */
  static final SplitPool<String> SURNAMES = SplitPool.of("entities.surnames",
      "Smith", "Brown", "Miller", "Davis", "Garcia", "Lopez", "Martinez", "Moore", "Anderson", "Lee",
      "Walker", "Hall", "Young", "King", "Wright", "Hill", "Scott", "Green", "Baker", "Nelson",
      "Mitchell", "Perez", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Collins", "Stewart",
      "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Reed", "Bailey", "Bell", "Kelly",
      "Howard", "Ward", "Patel", "Nguyen", "Chen", "Singh", "Okafor", "Silva", "Novak", "Larsen",
      "Foster", "Hughes", "Bennett", "Watson", "Brooks", "Fisher", "Myers", "Graham", "Sullivan", "Wallace",
      "Owens", "Reynolds", "Ellis", "Gibson", "Ortiz");

  /** Places, written to follow "the". */
  static final SplitPool<String> PLACES = SplitPool.of("entities.places",
      "park", "market", "library", "beach", "school", "farm", "station", "garden", "cafe", "bakery",
      "museum", "zoo", "river", "playground", "shop", "town square", "cinema", "gym", "lake", "forest",
      "hill", "village", "post office", "bus stop", "office", "harbour", "swimming pool", "bookshop", "stadium", "aquarium",
      "campsite", "theatre", "art gallery", "ice rink", "fair", "town hall", "bus station", "marina", "orchard", "meadow",
      "pond", "valley", "sports hall", "corner shop", "community centre", "garden centre", "sports field", "picnic area",
      "leisure centre", "boating lake");

  /** Small things a person can carry or give; use {@link #a} for the article. */
  static final SplitPool<String> OBJECTS = SplitPool.of("entities.objects",
      "book", "apple", "pen", "ball", "key", "letter", "flower", "hat", "drink", "ticket",
      "map", "coin", "toy", "bag", "scarf", "card", "candle", "kite", "watch", "ring",
      "shell", "umbrella", "pencil", "cookie", "sandwich", "notebook", "cup", "plate", "blanket", "pillow",
      "lamp", "clock", "mirror", "basket", "bottle", "glove", "shoe", "bell", "brush", "rope",
      "camera", "radio", "guitar", "drum", "puzzle", "postcard", "parcel", "jacket", "torch", "ladder");

  /** Jobs, written to follow "the" or "a". */
  static final SplitPool<String> JOBS = SplitPool.of("entities.jobs",
      "chef", "lawyer", "teacher", "doctor", "farmer", "pilot", "nurse", "baker", "painter", "sailor",
      "judge", "singer", "dentist", "gardener", "waiter", "mechanic", "librarian", "student", "dancer", "banker",
      "plumber", "writer", "actor", "driver", "poet", "carpenter", "tailor", "florist", "cashier", "scientist",
      "architect", "journalist", "engineer", "photographer", "vet", "coach", "firefighter", "potter", "pharmacist", "porter");

  /** Common animals, singular, written to follow "the". */
  static final SplitPool<String> ANIMALS = SplitPool.of("entities.animals",
      "dog", "cat", "horse", "cow", "sheep", "rabbit", "duck", "goat", "fox", "deer",
      "mouse", "pig", "owl", "bear", "donkey", "squirrel", "hedgehog", "badger", "goose", "pony",
      "turtle", "parrot", "hamster", "lamb", "kitten", "swan", "otter", "seal", "camel", "llama",
      "penguin", "robin", "beaver", "zebra", "tortoise");

  /** Small towns with made-up names. */
  static final SplitPool<String> TOWNS = SplitPool.of("entities.towns",
      "Millbrook", "Oakdale", "Riverton", "Lakeside", "Fairview", "Greenfield", "Hillcrest", "Maplewood", "Brookside", "Elmwood",
      "Pinehurst", "Westfield", "Ashford", "Cedar Falls", "Stonehill", "Redwood", "Clearwater", "Northbrook", "Sunnyvale", "Kingsley",
      "Willowby", "Harwick", "Brambleton", "Fenmoor", "Copperfield", "Larkhill", "Dunmore", "Marshfield", "Ravenscroft", "Thornbury",
      "Wexley", "Glenwood", "Amberley", "Fox Hollow", "Silverton");

  /** Family words for a woman and for a man, in matching order; split-independent. */
  static final List<String> WOMEN_RELATIONS = List.of("sister", "daughter", "cousin", "friend", "niece", "aunt");
  static final List<String> MEN_RELATIONS = List.of("brother", "son", "cousin", "friend", "nephew", "uncle");

  /** The entity pools, for split audits. */
  static List<SplitPool<?>> pools() {
    return List.of(PEOPLE, SURNAMES, PLACES, OBJECTS, JOBS, ANIMALS, TOWNS);
  }

  /** "a" or "an" and the noun. */
  static String a(String noun) {
    char c = Character.toLowerCase(noun.charAt(0));
    return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ? "an " : "a ") + noun;
  }

  /** A family word that fits the person: "sister" for a woman, "brother" for a man, ... */
  static String relation(Scene scene, Person person) {
    return scene.any(person.female() ? WOMEN_RELATIONS : MEN_RELATIONS);
  }

  private static List<Person> people() {
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < WOMEN.length; i++) {
      people.add(new Person(WOMEN[i], true));
      people.add(new Person(MEN[i], false));
    }
    return people;
  }
}
