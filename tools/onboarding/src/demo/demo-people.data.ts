/**
 * Fake personal data for the demo programme: small lists of given and family names plausible for
 * each citizenship, and the languages people of that citizenship usually speak. Every name
 * combination is invented; none stands for a real person.
 */

export interface NameGroup {
  female: readonly string[];
  male: readonly string[];
  family: readonly string[];
}

const NAME_GROUPS = {
  westAfricaEn: {
    female: ['Blessing', 'Joy', 'Chioma', 'Esther', 'Grace', 'Isatou', 'Fatou', 'Ngozi', 'Precious', 'Aminata'],
    male: ['Chinedu', 'Emeka', 'Tunde', 'Ibrahim', 'Musa', 'Lamin', 'Ebrima', 'Samuel', 'Kelvin', 'Modou'],
    family: ['Okafor', 'Adeyemi', 'Bello', 'Okonkwo', 'Eze', 'Jallow', 'Ceesay', 'Touray', 'Njie', 'Obi', 'Sanneh', 'Yusuf'],
  },
  westAfricaFr: {
    female: ['Aissatou', 'Mariama', 'Fatoumata', 'Kadiatou', 'Awa', 'Aminata', 'Marie', 'Nadège', 'Mariam', 'Hawa'],
    male: ['Mamadou', 'Ousmane', 'Moussa', 'Abdoulaye', 'Alpha', 'Cheikh', 'Ibrahima', 'Jean', 'Patrick', 'Seydou'],
    family: ['Diallo', 'Bah', 'Camara', 'Sow', 'Traoré', 'Keita', 'Coulibaly', 'Ndiaye', 'Diop', 'Fall', 'Mbarga', 'Ilunga', 'Kalonji', 'Konaté'],
  },
  horn: {
    female: ['Helen', 'Senait', 'Hodan', 'Amina', 'Saba', 'Luwam', 'Fardowsa', 'Hanna', 'Ayan', 'Selam'],
    male: ['Yonas', 'Tesfay', 'Abdirahman', 'Mohamed', 'Dawit', 'Filmon', 'Abdullahi', 'Robel', 'Mukhtar', 'Samson'],
    family: ['Tesfamariam', 'Haile', 'Abdi', 'Hassan', 'Warsame', 'Gebremedhin', 'Omar', 'Yohannes', 'Farah', 'Kidane'],
  },
  arab: {
    female: ['Fatima', 'Noor', 'Rania', 'Layla', 'Hiba', 'Amal', 'Salma', 'Yasmin', 'Rim', 'Khadija'],
    male: ['Ahmad', 'Mohammed', 'Omar', 'Khaled', 'Youssef', 'Ali', 'Hassan', 'Karim', 'Mahmoud', 'Tarek'],
    family: ['Al-Hassan', 'Haddad', 'Khalil', 'Mansour', 'Saleh', 'Ibrahim', 'Nasser', 'El Amrani', 'Benali', 'Farouk', 'Hamdan', 'Aziz'],
  },
  southAsia: {
    female: ['Nasrin', 'Shirin', 'Ayesha', 'Farzana', 'Mariam', 'Zahra', 'Parveen', 'Sadia', 'Roya', 'Taslima'],
    male: ['Rahim', 'Imran', 'Bilal', 'Hamid', 'Farid', 'Rashid', 'Sajid', 'Ahmad', 'Mizanur', 'Jawad'],
    family: ['Rahman', 'Hossain', 'Khan', 'Ahmadi', 'Hussaini', 'Mohammadi', 'Chowdhury', 'Akhtar', 'Rezaei', 'Islam', 'Butt', 'Karimi'],
  },
  eastEurope: {
    female: ['Olena', 'Iryna', 'Natalia', 'Tetiana', 'Oksana', 'Yulia', 'Nino', 'Svitlana', 'Kateryna', 'Marta'],
    male: ['Oleksandr', 'Andriy', 'Dmytro', 'Serhii', 'Mykola', 'Giorgi', 'Volodymyr', 'Ivan', 'Levan', 'Taras'],
    family: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko', 'Beridze', 'Lysenko', 'Moroz'],
  },
  latinAmerica: {
    female: ['María', 'Daniela', 'Carolina', 'Andrea', 'Yuliana', 'Gabriela', 'Valentina', 'Paola', 'Luisa', 'Katherine'],
    male: ['José', 'Carlos', 'Luis', 'Andrés', 'Jhon', 'Miguel', 'Jesús', 'Daniel', 'Kevin', 'Alejandro'],
    family: ['González', 'Rodríguez', 'Pérez', 'Hernández', 'Ramírez', 'Torres', 'Rojas', 'Castillo', 'Moreno', 'Vargas', 'Suárez'],
  },
  balkans: {
    female: ['Elira', 'Anila', 'Blerta', 'Ardita', 'Valbona', 'Jonida', 'Mirela', 'Esmeralda'],
    male: ['Arben', 'Ermal', 'Besnik', 'Gentian', 'Klodian', 'Ilir', 'Dritan', 'Erion'],
    family: ['Hoxha', 'Shehu', 'Gjoka', 'Kola', 'Leka', 'Marku', 'Dervishi', 'Basha'],
  },
  turkic: {
    female: ['Zeynep', 'Elif', 'Ayşe', 'Hatice', 'Rojda', 'Dilan', 'Emine', 'Berfin'],
    male: ['Mehmet', 'Mustafa', 'Emre', 'Hüseyin', 'Baran', 'Serkan', 'Ahmet', 'Deniz'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Aydın', 'Öztürk', 'Arslan'],
  },
} as const satisfies Record<string, NameGroup>;

export interface Citizenship {
  names: NameGroup;
  /** Languages besides the host language: [ISO 639 code, usual CEFR level]; the first is the mother tongue. */
  languages: readonly (readonly [string, string])[];
  /** Share with ISCED 5+ (tertiary); the rest spread over 0–4. */
  tertiaryShare: number;
}

const c = (names: NameGroup, languages: readonly (readonly [string, string])[], tertiaryShare: number): Citizenship => ({ names, languages, tertiaryShare });

export const CITIZENSHIPS: Readonly<Record<string, Citizenship>> = {
  NG: c(NAME_GROUPS.westAfricaEn, [['yo', 'C2'], ['en', 'B2']], 0.12),
  GM: c(NAME_GROUPS.westAfricaEn, [['wo', 'C2'], ['en', 'B1']], 0.05),
  GH: c(NAME_GROUPS.westAfricaEn, [['ak', 'C2'], ['en', 'B2']], 0.1),
  GN: c(NAME_GROUPS.westAfricaFr, [['ff', 'C2'], ['fr', 'B1']], 0.05),
  ML: c(NAME_GROUPS.westAfricaFr, [['bm', 'C2'], ['fr', 'A2']], 0.04),
  SN: c(NAME_GROUPS.westAfricaFr, [['wo', 'C2'], ['fr', 'B2']], 0.08),
  CI: c(NAME_GROUPS.westAfricaFr, [['fr', 'C2'], ['dyu', 'C1']], 0.12),
  CM: c(NAME_GROUPS.westAfricaFr, [['fr', 'C2'], ['en', 'B1']], 0.22),
  CD: c(NAME_GROUPS.westAfricaFr, [['ln', 'C2'], ['fr', 'C1']], 0.18),
  ER: c(NAME_GROUPS.horn, [['ti', 'C2'], ['ar', 'A2']], 0.08),
  SO: c(NAME_GROUPS.horn, [['so', 'C2'], ['ar', 'A2']], 0.05),
  SD: c(NAME_GROUPS.arab, [['ar', 'C2'], ['en', 'A2']], 0.12),
  SY: c(NAME_GROUPS.arab, [['ar', 'C2'], ['en', 'A2']], 0.2),
  IQ: c(NAME_GROUPS.arab, [['ar', 'C2'], ['ku', 'B2']], 0.16),
  EG: c(NAME_GROUPS.arab, [['ar', 'C2'], ['en', 'A2']], 0.14),
  MA: c(NAME_GROUPS.arab, [['ar', 'C2'], ['fr', 'B1']], 0.1),
  TN: c(NAME_GROUPS.arab, [['ar', 'C2'], ['fr', 'B2']], 0.15),
  PS: c(NAME_GROUPS.arab, [['ar', 'C2'], ['en', 'B1']], 0.25),
  BD: c(NAME_GROUPS.southAsia, [['bn', 'C2'], ['en', 'A2']], 0.1),
  PK: c(NAME_GROUPS.southAsia, [['ur', 'C2'], ['en', 'B1']], 0.12),
  AF: c(NAME_GROUPS.southAsia, [['fa', 'C2'], ['ps', 'B1']], 0.08),
  IR: c(NAME_GROUPS.southAsia, [['fa', 'C2'], ['en', 'B1']], 0.35),
  UA: c(NAME_GROUPS.eastEurope, [['uk', 'C2'], ['ru', 'C1'], ['en', 'A2']], 0.45),
  GE: c(NAME_GROUPS.eastEurope, [['ka', 'C2'], ['ru', 'B2']], 0.3),
  VE: c(NAME_GROUPS.latinAmerica, [['es', 'C2'], ['en', 'A2']], 0.3),
  CO: c(NAME_GROUPS.latinAmerica, [['es', 'C2'], ['en', 'A1']], 0.22),
  PE: c(NAME_GROUPS.latinAmerica, [['es', 'C2'], ['qu', 'B1']], 0.18),
  HN: c(NAME_GROUPS.latinAmerica, [['es', 'C2']], 0.08),
  AL: c(NAME_GROUPS.balkans, [['sq', 'C2'], ['en', 'A2']], 0.12),
  TR: c(NAME_GROUPS.turkic, [['tr', 'C2'], ['ku', 'B2']], 0.2),
};

/** ASCII form of a name for the demo e-mail addresses. */
export function asciiOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/ş/g, 's')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** Free-text skills noted at assessment (they stay in the beneficiaries service), by NACE section. */
export const SKILLS_BY_SECTOR: Readonly<Record<string, readonly string[]>> = {
  A: ['greenhouse work', 'fruit picking', 'tractor driving', 'livestock care', 'irrigation'],
  C: ['machine operation', 'welding', 'packaging line', 'quality checks', 'sewing'],
  F: ['bricklaying', 'painting and plastering', 'tiling', 'scaffolding', 'electrical installation basics'],
  G: ['shop assistant', 'cashier', 'stock management', 'customer service'],
  H: ['warehouse work', 'forklift licence', 'delivery driving', 'order picking'],
  I: ['kitchen assistant', 'cooking', 'housekeeping', 'waiting tables', 'dishwashing', 'baking'],
  J: ['web development', 'IT support', 'graphic design'],
  N: ['office cleaning', 'security guard', 'gardening and landscaping', 'facility maintenance'],
  Q: ['elderly care', 'childcare', 'care assistant', 'cultural mediation'],
  S: ['hairdressing', 'tailoring', 'car repair'],
};
