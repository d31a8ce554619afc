// Fresh people's names for a column of them: `Maya Okafor`, not `Customer-12`. A name is a
// common first name and a common surname from lists of many countries, drawn for the row's
// index, so the same row always gets the same name; none is one of the seed's own.

const FIRST = [
  'Aaliyah', 'Adam', 'Aisha', 'Alba', 'Alejandro', 'Amara', 'Amelia', 'Anders', 'Ana', 'Andrei',
  'Anika', 'Arjun', 'Ava', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Dara',
  'David', 'Elena', 'Eli', 'Emeka', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Freya', 'Gabriel',
  'Grace', 'Hana', 'Hannah', 'Harvey', 'Ibrahim', 'Ines', 'Isla', 'Ivan', 'Jack', 'Jade',
  'James', 'Jonas', 'Julia', 'Kai', 'Karim', 'Keira', 'Kenji', 'Laila', 'Lars', 'Leah',
  'Leo', 'Lily', 'Lucas', 'Lucia', 'Luis', 'Maja', 'Marco', 'Maria', 'Mateo', 'Maya',
  'Mei', 'Mia', 'Mohammed', 'Nadia', 'Nathan', 'Nia', 'Noah', 'Nora', 'Olivia', 'Omar',
  'Oscar', 'Paulo', 'Priya', 'Rafael', 'Rania', 'Ravi', 'Rosa', 'Ruby', 'Sam', 'Sara',
  'Sean', 'Sofia', 'Sophie', 'Tariq', 'Theo', 'Tomas', 'Uma', 'Valentina', 'Victor', 'Wei',
  'William', 'Yara', 'Yusuf', 'Zara', 'Zoe', 'Aiden', 'Clara', 'Diego', 'Erin', 'Hugo',
];

const LAST = [
  'Abbott', 'Adeyemi', 'Ahmed', 'Ali', 'Andersen', 'Baker', 'Banerjee', 'Becker', 'Bell', 'Brown',
  'Campbell', 'Chen', 'Clarke', 'Cohen', 'Costa', 'Cruz', 'Davies', 'Dubois', 'Edwards', 'Evans',
  'Fernandes', 'Fischer', 'Garcia', 'Gonzalez', 'Green', 'Gupta', 'Hall', 'Hansen', 'Harris', 'Hughes',
  'Ibrahim', 'Ito', 'Jackson', 'Jensen', 'Johnson', 'Jones', 'Kaur', 'Khan', 'Kim', 'Kowalski',
  'Kumar', 'Larsen', 'Lee', 'Lewis', 'Lopez', 'Martin', 'Martinez', 'Mensah', 'Meyer', 'Miller',
  'Moreau', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Nowak', "O'Brien", 'Okafor', 'Olsen', 'Owusu',
  'Park', 'Patel', 'Perez', 'Petrov', 'Phillips', 'Popescu', 'Reyes', 'Richter', 'Roberts', 'Rossi',
  'Russo', 'Sato', 'Schmidt', 'Schneider', 'Shah', 'Silva', 'Singh', 'Smith', 'Sousa', 'Suzuki',
  'Taylor', 'Thomas', 'Thompson', 'Torres', 'Tran', 'Turner', 'Walker', 'Wang', 'Ward', 'White',
  'Williams', 'Wilson', 'Wood', 'Wright', 'Yamamoto', 'Yilmaz', 'Young', 'Zhang', 'Zhou', 'Ziegler',
];

const PAIRS = FIRST.length * LAST.length;
// Coprime with the number of pairs: consecutive rows get names far apart in the lists.
const STRIDE = 7919;
const INITIALS = 'ABCDEFGHJKLMNPRSTW';

/**
 * A 12-bit bucket of a name (FNV-1a), kept for the seed's names in place of the names: a saved
 * model tells no one whether a name was in the seed, as any name falls in some seed name's bucket
 * by chance (one in 20 for a seed of 200 names), and a generated name in one is passed over.
 */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0xfff;
}

/**
 * The name of output row `k`: a first name and a surname, each pair once before a middle initial
 * is added. A seed's name (its hash in `avoid`) takes the row's middle initial, or the next.
 */
export function personName(k: number, avoid: ReadonlySet<number>): string {
  const pair = (k * STRIDE) % PAIRS;
  const [first, last] = [FIRST[pair % FIRST.length], LAST[Math.floor(pair / FIRST.length)]];
  for (let round = Math.floor(k / PAIRS); ; round++) {
    const middle = round === 0 ? '' : ` ${INITIALS[(round - 1) % INITIALS.length]}.`;
    const name = `${first}${middle} ${last}`;
    if (!avoid.has(nameHash(name)) || round > INITIALS.length) return name;
  }
}
