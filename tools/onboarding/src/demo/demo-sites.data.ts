/**
 * The sites of the demo programme and what makes each one different: its cluster, its local
 * economy (NACE sectors, contracts), who it serves (citizenships, legal statuses, share of women)
 * and how well its pathways work. Public bodies carry their usual generic names; enterprises,
 * associations and mentors are invented.
 *
 * Figures are plausible orders of magnitude, not data: territorial indicators follow the range of
 * Eurostat regional statistics (NUTS 2 unemployment 2024, SBS enterprise density), and the
 * placement rates the 30–60 % range reported by comparable AMIF/ESF+ labour-integration projects.
 */

export type Weighted<T> = readonly (readonly [T, number])[];

export interface CountryProfile {
  language: string;
  phonePrefix: string;
  l2Title: (level: string) => string;
  vocational: readonly (readonly [string, string])[];
  company: string;
  soft: string;
  digital: string;
  entrepreneurship: string;
  financial: string;
  housing: string;
  /** Invented employers outside the cluster: `${word} ${family name or place} ${suffix}`. */
  businessWords: readonly string[];
  businessSuffixes: readonly string[];
  /** Common local family names, for those invented businesses. */
  ownerNames: readonly string[];
}

export const COUNTRIES: Readonly<Record<string, CountryProfile>> = {
  IT: {
    language: 'it',
    phonePrefix: '+39 3',
    l2Title: (l) => `Italiano L2 per il lavoro ${l}`,
    vocational: [
      ['Addetto magazzino e logistica', 'H'],
      ['Aiuto cuoco e ristorazione', 'I'],
      ['Operatore edile e sicurezza in cantiere', 'F'],
      ['Assistenza familiare e cura della persona', 'Q'],
    ],
    company: 'Formazione in azienda',
    soft: 'Orientamento al lavoro e competenze trasversali',
    digital: 'Competenze digitali di base',
    entrepreneurship: "Laboratorio di autoimprenditorialità",
    financial: 'Educazione finanziaria',
    housing: "Orientamento all'abitare",
    businessWords: ['Trattoria', 'Pulizie', 'Edilizia', 'Logistica', 'Agricola', 'Forno', 'Servizi'],
    businessSuffixes: ['srl', 'snc', 'sas', 'soc. coop.'],
    ownerNames: ['Rossi', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno'],
  },
  CY: {
    language: 'el',
    phonePrefix: '+357 9',
    l2Title: (l) => `Ελληνικά για την εργασία ${l}`,
    vocational: [
      ['Βοηθός κουζίνας και εστίασης', 'I'],
      ['Υπάλληλος καθαριότητας ξενοδοχείων', 'I'],
      ['Εργασίες οικοδομής', 'F'],
    ],
    company: 'Ενδοεπιχειρησιακή κατάρτιση',
    soft: 'Δεξιότητες αναζήτησης εργασίας',
    digital: 'Ψηφιακές δεξιότητες',
    entrepreneurship: 'Εργαστήριο επιχειρηματικότητας',
    financial: 'Χρηματοοικονομικός αλφαβητισμός',
    housing: 'Προσανατολισμός στη στέγαση',
    businessWords: ['Taverna', 'Cleaning', 'Constructions', 'Bakery', 'Hotel Services', 'Farms'],
    businessSuffixes: ['Ltd', 'Ltd', 'Co'],
    ownerNames: ['Georgiou', 'Christodoulou', 'Ioannou', 'Constantinou', 'Charalambous', 'Michael'],
  },
  GR: {
    language: 'el',
    phonePrefix: '+30 69',
    l2Title: (l) => `Ελληνικά ως δεύτερη γλώσσα ${l}`,
    vocational: [
      ['Βοηθός μάγειρα', 'I'],
      ['Αποθήκη και εφοδιαστική αλυσίδα', 'H'],
      ['Πωλήσεις λιανικής', 'G'],
      ['Μεταποίηση τροφίμων', 'C'],
    ],
    company: 'Κατάρτιση σε επιχείρηση',
    soft: 'Συμβουλευτική και δεξιότητες εργασίας',
    digital: 'Βασικές ψηφιακές δεξιότητες',
    entrepreneurship: 'Εργαστήριο επιχειρηματικότητας',
    financial: 'Χρηματοοικονομικός αλφαβητισμός',
    housing: 'Προσανατολισμός στη στέγαση',
    businessWords: ['Taverna', 'Logistics', 'Foods', 'Market', 'Cleaning Services', 'Bakery'],
    businessSuffixes: ['IKE', 'OE', 'EE', 'AE'],
    ownerNames: ['Papadopoulos', 'Nikolaidis', 'Georgiou', 'Dimitriou', 'Papageorgiou', 'Vlachos'],
  },
  ES: {
    language: 'es',
    phonePrefix: '+34 6',
    l2Title: (l) => `Español para el empleo ${l}`,
    vocational: [
      ['Ayudante de cocina', 'I'],
      ['Atención sociosanitaria a personas dependientes', 'Q'],
      ['Operaciones de almacén y carretillero', 'H'],
      ['Operario agrícola', 'A'],
    ],
    company: 'Formación en empresa',
    soft: 'Habilidades para el empleo',
    digital: 'Competencias digitales básicas',
    entrepreneurship: 'Laboratorio de emprendimiento',
    financial: 'Educación financiera',
    housing: 'Orientación para la vivienda',
    businessWords: ['Restaurante', 'Limpiezas', 'Construcciones', 'Transportes', 'Hortofrutícola', 'Panadería'],
    businessSuffixes: ['S.L.', 'S.L.', 'S.A.', 'S.Coop.'],
    ownerNames: ['García', 'Martínez', 'López', 'Sánchez', 'Navarro', 'Ferrer', 'Ortega'],
  },
  HU: {
    language: 'hu',
    phonePrefix: '+36 30',
    l2Title: (l) => `Magyar nyelv munkavállalóknak ${l}`,
    vocational: [
      ['Raktári és logisztikai alapképzés', 'H'],
      ['Konyhai kisegítő', 'I'],
    ],
    company: 'Vállalati képzés',
    soft: 'Álláskeresési ismeretek',
    digital: 'Digitális alapismeretek',
    entrepreneurship: 'Vállalkozói műhely',
    financial: 'Pénzügyi ismeretek',
    housing: 'Lakhatási tanácsadás',
    businessWords: ['Logisztika', 'Vendéglátó', 'Építő', 'Szerviz'],
    businessSuffixes: ['Kft.', 'Bt.', 'Zrt.'],
    ownerNames: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga'],
  },
  DE: {
    language: 'de',
    phonePrefix: '+49 15',
    l2Title: (l) => `Deutsch für den Beruf ${l}`,
    vocational: [
      ['Pflegehilfe Grundkurs', 'Q'],
      ['Lager und Logistik mit Staplerschein', 'H'],
      ['Küchenhilfe und Gastronomie', 'I'],
      ['Grundlagen Elektro und Bau', 'F'],
    ],
    company: 'Betriebliche Qualifizierung',
    soft: 'Bewerbungstraining und Arbeitswelt',
    digital: 'Digitale Grundkompetenzen',
    entrepreneurship: 'Gründungswerkstatt',
    financial: 'Finanzielle Grundbildung',
    housing: 'Wohnungssuche und Mietrecht',
    businessWords: ['Gebäudeservice', 'Gastro', 'Logistik', 'Bau', 'Pflegedienst', 'Bäckerei'],
    businessSuffixes: ['GmbH', 'GmbH', 'UG', 'e.K.'],
    ownerNames: ['Müller', 'Schmidt', 'Schneider', 'Becker', 'Wagner', 'Hoffmann'],
  },
  FR: {
    language: 'fr',
    phonePrefix: '+33 6',
    l2Title: (l) => `Français langue d'intégration professionnelle ${l}`,
    vocational: [
      ['Agent de propreté et d’hygiène', 'N'],
      ['Commis de cuisine', 'I'],
      ['Ouvrier du bâtiment', 'F'],
      ['Préparateur de commandes', 'H'],
    ],
    company: 'Formation en entreprise',
    soft: 'Savoir-être professionnel et recherche d’emploi',
    digital: 'Compétences numériques de base',
    entrepreneurship: 'Atelier création d’entreprise',
    financial: 'Éducation budgétaire',
    housing: 'Accès au logement',
    businessWords: ['Bâtiment', 'Propreté', 'Restauration', 'Transports', 'Boulangerie'],
    businessSuffixes: ['SARL', 'SAS', 'SASU', 'EURL'],
    ownerNames: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Girard'],
  },
  SE: {
    language: 'sv',
    phonePrefix: '+46 70',
    l2Title: (l) => `Svenska för arbetslivet ${l}`,
    vocational: [
      ['Undersköterska grundkurs', 'Q'],
      ['Lager och truck', 'H'],
      ['Restaurang och storkök', 'I'],
    ],
    company: 'Arbetsplatsförlagd utbildning',
    soft: 'Jobbsökarverkstad',
    digital: 'Digital kompetens',
    entrepreneurship: 'Starta eget-verkstad',
    financial: 'Privatekonomi',
    housing: 'Bostadsvägledning',
    businessWords: ['Städ', 'Bygg', 'Restaurang', 'Transport', 'Omsorg'],
    businessSuffixes: ['AB', 'AB', 'HB'],
    ownerNames: ['Andersson', 'Johansson', 'Lindqvist', 'Nilsson', 'Berg', 'Holm'],
  },
};

/** [name, type, NACE section, days after the site started that it joined, Community of Interest]. */
export type OrgTuple = readonly [string, string, string, number, boolean?];

export interface SiteProfile {
  code: string;
  name: string;
  city: string;
  country: string;
  programme: 'AMIL' | 'LIME' | 'AMIR';
  clusterName: string;
  /** Months after the start of the 24-month window that the site started (negative: before it). */
  startMonth: number;
  /** Months after the start of the window that the last person enrolled (24: up to the reference date). */
  enrolUntilMonth: number;
  /** People at scale 1. */
  people: number;
  /** Share of women (%) the site's intake falls within. */
  womenBand: readonly [number, number];
  citizenships: Weighted<string>;
  legalStatuses: Weighted<string>;
  /** Chance of a placement for someone observed long enough; women's chance is multiplied by womenFactor. */
  placementRate: number;
  womenFactor: number;
  /** Typical days from enrolment to a job, before training and internships push it back. */
  medianDaysToJob: number;
  internshipRate: number;
  dropoutRate: number;
  /** AMIR: share of people matched with a peer mentor. */
  mentoringRate: number;
  sectors: Weighted<string>;
  contracts: Weighted<string>;
  organisations: readonly OrgTuple[];
  indicators: { unemploymentPct: number; centresPer100k: number; firmsPer1000: number };
  /** Targets relative to what the site achieves: placedFactor > 1 means behind its placement target. */
  targets: { enrolledFactor: number; placedFactor: number; womenSharePct: number };
  mentors: readonly { displayName: string; languages: readonly string[]; areas: readonly string[] }[];
}

const AMIL_AFRICA: Weighted<string> = [['NG', 14], ['GN', 9], ['ML', 8], ['SN', 7], ['GM', 8], ['CI', 6], ['BD', 12], ['PK', 8], ['EG', 6], ['MA', 5], ['TN', 4], ['AF', 5], ['SO', 3], ['ER', 3], ['UA', 2]];

export const SITES: readonly SiteProfile[] = [
  {
    code: 'IT-RM', name: 'MEIC Roma', city: 'Roma', country: 'IT', programme: 'AMIL', clusterName: 'Cluster MEIC Roma Est',
    startMonth: -1, enrolUntilMonth: 24, people: 1000, womenBand: [30, 40],
    citizenships: AMIL_AFRICA,
    // Former unaccompanied minors are a large group among young adults in Italian reception (SAI).
    legalStatuses: [['refugee', 18], ['asylum_seeker', 22], ['subsidiary_protection', 14], ['humanitarian_protection', 16], ['former_unaccompanied_minor', 22], ['other_tcn', 8]],
    placementRate: 0.5, womenFactor: 0.75, medianDaysToJob: 100, internshipRate: 0.4, dropoutRate: 0.13, mentoringRate: 0,
    sectors: [['I', 30], ['H', 20], ['N', 18], ['G', 12], ['F', 12], ['Q', 8]],
    contracts: [['fixed_term', 55], ['apprenticeship', 12], ['permanent', 15], ['seasonal', 10], ['self_employment', 8]],
    organisations: [
      ['CIOFS-FP Lazio', 'vet_provider', 'P', 5, true], ['Centro per l\'Impiego Roma Tiburtino', 'public_employment_service', 'O', 3, true],
      ['Roma Capitale – Dipartimento Politiche Sociali', 'local_authority', 'O', 10], ['Associazione Imprese Romane Ospitalità', 'employer_association', 'S', 20, true],
      ['Camera di Commercio di Roma', 'chamber_of_commerce', 'S', 30], ['Sportello Lavoro Migranti CGIL Roma', 'trade_union', 'S', 25],
      ['Centro Astalli Lavoro', 'civil_society_org', 'Q', 8, true], ['Comunità Africana di Roma Est', 'migrant_association', 'S', 40],
      ['Logistica Tiburtina srl', 'enterprise', 'H', 35], ['Hotel Porta Maggiore srl', 'enterprise', 'I', 40],
      ['Multiservizi Prenestina soc. coop.', 'enterprise', 'N', 50], ['Edilnova Roma srl', 'enterprise', 'F', 60],
      ['Supermercati Casilini spa', 'enterprise', 'G', 75],
    ],
    indicators: { unemploymentPct: 6.9, centresPer100k: 0.9, firmsPer1000: 78 },
    targets: { enrolledFactor: 1.05, placedFactor: 0.95, womenSharePct: 40 }, mentors: [],
  },
  {
    code: 'CY-NIC', name: 'MEIC Nicosia', city: 'Nicosia', country: 'CY', programme: 'AMIL', clusterName: 'Nicosia Integration Cluster',
    startMonth: -1, enrolUntilMonth: 24, people: 800, womenBand: [38, 50],
    citizenships: [['SY', 18], ['CM', 12], ['NG', 10], ['CD', 9], ['SO', 8], ['AF', 8], ['BD', 8], ['PK', 7], ['IQ', 6], ['GN', 5], ['UA', 5], ['PS', 4]],
    legalStatuses: [['asylum_seeker', 40], ['refugee', 22], ['subsidiary_protection', 26], ['humanitarian_protection', 2], ['former_unaccompanied_minor', 3], ['other_tcn', 7]],
    placementRate: 0.42, womenFactor: 0.7, medianDaysToJob: 110, internshipRate: 0.3, dropoutRate: 0.17, mentoringRate: 0,
    sectors: [['I', 34], ['A', 10], ['G', 16], ['N', 18], ['F', 12], ['Q', 10]],
    contracts: [['fixed_term', 45], ['seasonal', 22], ['permanent', 20], ['apprenticeship', 5], ['self_employment', 8]],
    organisations: [
      ['Human Resource Development Authority Training Unit', 'vet_provider', 'P', 7, true], ['Public Employment Service – Nicosia District Office', 'public_employment_service', 'O', 4, true],
      ['Municipality of Nicosia Social Services', 'local_authority', 'O', 12], ['Cyprus Hoteliers Employers Forum', 'employer_association', 'S', 18, true],
      ['Nicosia Chamber of Commerce and Industry', 'chamber_of_commerce', 'S', 25], ['Cyprus Refugee Support Network', 'civil_society_org', 'Q', 6, true],
      ['Cameroonian Community of Cyprus', 'migrant_association', 'S', 45], ['University of Nicosia Language Centre', 'university', 'P', 15],
      ['Ledra Catering Ltd', 'enterprise', 'I', 30], ['Strovolos Cleaning Services Ltd', 'enterprise', 'N', 40],
      ['Dali Fresh Produce Ltd', 'enterprise', 'A', 55],
    ],
    indicators: { unemploymentPct: 4.9, centresPer100k: 1.2, firmsPer1000: 62 },
    targets: { enrolledFactor: 1.1, placedFactor: 1.3, womenSharePct: 45 }, mentors: [],
  },
  {
    code: 'GR-ATH', name: 'MEIC Athens', city: 'Athina', country: 'GR', programme: 'AMIL', clusterName: 'Athens Labour Integration Cluster',
    startMonth: 0, enrolUntilMonth: 24, people: 950, womenBand: [34, 46],
    citizenships: [['AF', 24], ['SY', 18], ['IQ', 9], ['PK', 8], ['BD', 6], ['CD', 7], ['SO', 6], ['ER', 4], ['PS', 5], ['CM', 4], ['IR', 5], ['TR', 4]],
    legalStatuses: [['refugee', 46], ['asylum_seeker', 34], ['subsidiary_protection', 6], ['humanitarian_protection', 2], ['former_unaccompanied_minor', 6], ['other_tcn', 6]],
    // Long waits for a tax number and AMKA slow entry into work (the site furthest behind).
    placementRate: 0.3, womenFactor: 0.65, medianDaysToJob: 150, internshipRate: 0.25, dropoutRate: 0.2, mentoringRate: 0,
    sectors: [['I', 34], ['G', 16], ['H', 14], ['C', 10], ['N', 14], ['A', 6], ['F', 6]],
    contracts: [['fixed_term', 44], ['seasonal', 26], ['permanent', 18], ['apprenticeship', 4], ['self_employment', 8]],
    organisations: [
      ['KEK Attikis Vocational Training Centre', 'vet_provider', 'P', 6, true], ['DYPA Employment Centre Athens', 'public_employment_service', 'O', 10, true],
      ['Municipality of Athens Development Agency', 'local_authority', 'O', 5, true], ['Hellenic Tourism Employers Network', 'employer_association', 'S', 20],
      ['Athens Chamber of Tradesmen', 'chamber_of_commerce', 'S', 35], ['Labour Centre of Athens Migrant Desk', 'trade_union', 'S', 40],
      ['Solidarity Now Employability', 'civil_society_org', 'Q', 8, true], ['Afghan Community of Greece', 'migrant_association', 'S', 30],
      ['Piraeus Logistics IKE', 'enterprise', 'H', 45], ['Plaka Hospitality AE', 'enterprise', 'I', 50],
      ['Attica Food Processing AE', 'enterprise', 'C', 70], ['Omonia Retail OE', 'enterprise', 'G', 90],
    ],
    indicators: { unemploymentPct: 9.3, centresPer100k: 0.6, firmsPer1000: 84 },
    targets: { enrolledFactor: 1.0, placedFactor: 1.8, womenSharePct: 45 }, mentors: [],
  },
  {
    code: 'IT-BO', name: 'LIME Bologna', city: 'Bologna', country: 'IT', programme: 'LIME', clusterName: 'Cluster LIME Bologna',
    startMonth: -2, enrolUntilMonth: 8, people: 420, womenBand: [35, 45],
    citizenships: [['MA', 14], ['PK', 14], ['BD', 12], ['NG', 12], ['TN', 8], ['GM', 8], ['SN', 8], ['UA', 8], ['AL', 8], ['GH', 8]],
    legalStatuses: [['refugee', 20], ['asylum_seeker', 18], ['subsidiary_protection', 12], ['humanitarian_protection', 18], ['former_unaccompanied_minor', 18], ['other_tcn', 14]],
    placementRate: 0.58, womenFactor: 0.85, medianDaysToJob: 85, internshipRate: 0.45, dropoutRate: 0.1, mentoringRate: 0,
    sectors: [['C', 28], ['H', 20], ['I', 18], ['Q', 16], ['N', 10], ['F', 8]],
    contracts: [['fixed_term', 50], ['apprenticeship', 16], ['permanent', 22], ['seasonal', 4], ['self_employment', 8]],
    organisations: [
      ['Fondazione Aldini Valeriani', 'vet_provider', 'P', 5, true], ['Centro per l\'Impiego di Bologna', 'public_employment_service', 'O', 8, true],
      ['Comune di Bologna – Area Welfare', 'local_authority', 'O', 10], ['Associazione Industriali Emiliani Packaging', 'employer_association', 'S', 15, true],
      ['CISL Bologna Sportello Migranti', 'trade_union', 'S', 30], ['Cooperativa Sociale Arca di Noè', 'civil_society_org', 'Q', 7],
      ['Università di Bologna – CLA', 'university', 'P', 20], ['Imballaggi Reno srl', 'enterprise', 'C', 25],
      ['Interporto Servizi Bologna srl', 'enterprise', 'H', 35], ['Assistenza Felsinea soc. coop.', 'enterprise', 'Q', 45],
    ],
    indicators: { unemploymentPct: 4.3, centresPer100k: 1.4, firmsPer1000: 82 },
    targets: { enrolledFactor: 0.95, placedFactor: 0.9, womenSharePct: 40 }, mentors: [],
  },
  {
    code: 'ES-MAD', name: 'LIME Madrid', city: 'Madrid', country: 'ES', programme: 'LIME', clusterName: 'Clúster LIME Madrid',
    startMonth: -2, enrolUntilMonth: 7, people: 380, womenBand: [48, 60],
    citizenships: [['VE', 26], ['CO', 22], ['PE', 10], ['HN', 8], ['MA', 12], ['SN', 6], ['UA', 8], ['SY', 4], ['GE', 4]],
    legalStatuses: [['asylum_seeker', 38], ['humanitarian_protection', 24], ['refugee', 10], ['subsidiary_protection', 6], ['other_tcn', 20], ['former_unaccompanied_minor', 2]],
    placementRate: 0.55, womenFactor: 1.0, medianDaysToJob: 80, internshipRate: 0.3, dropoutRate: 0.12, mentoringRate: 0,
    sectors: [['I', 26], ['Q', 22], ['N', 20], ['G', 14], ['F', 10], ['H', 8]],
    contracts: [['fixed_term', 38], ['permanent', 34], ['seasonal', 6], ['apprenticeship', 6], ['self_employment', 16]],
    organisations: [
      ['Fundación Formación Empleo Madrid', 'vet_provider', 'P', 5, true], ['Agencia para el Empleo de Madrid – Centro Usera', 'public_employment_service', 'O', 6, true],
      ['Ayuntamiento de Madrid – Servicios Sociales Usera', 'local_authority', 'O', 12], ['Asociación Hostelería Madrid Sur', 'employer_association', 'S', 20],
      ['Fundación Acogida y Empleo', 'civil_society_org', 'Q', 4, true], ['Asociación Venezolanos en Madrid', 'migrant_association', 'S', 25],
      ['Cuidados Manzanares S.L.', 'enterprise', 'Q', 30], ['Limpiezas Carabanchel S.L.', 'enterprise', 'N', 35],
      ['Restauración Lavapiés S.L.', 'enterprise', 'I', 45],
    ],
    indicators: { unemploymentPct: 9.4, centresPer100k: 1.1, firmsPer1000: 76 },
    targets: { enrolledFactor: 1.0, placedFactor: 1.05, womenSharePct: 55 }, mentors: [],
  },
  {
    code: 'IT-PA', name: 'AMIR Palermo', city: 'Palermo', country: 'IT', programme: 'AMIR', clusterName: 'Cluster AMIR Palermo',
    startMonth: 3, enrolUntilMonth: 24, people: 350, womenBand: [25, 35],
    citizenships: [['GM', 18], ['NG', 14], ['GN', 12], ['BD', 14], ['TN', 12], ['SN', 8], ['ML', 8], ['CI', 8], ['EG', 6]],
    legalStatuses: [['former_unaccompanied_minor', 30], ['humanitarian_protection', 18], ['asylum_seeker', 20], ['refugee', 12], ['subsidiary_protection', 12], ['other_tcn', 8]],
    placementRate: 0.36, womenFactor: 0.7, medianDaysToJob: 125, internshipRate: 0.35, dropoutRate: 0.16, mentoringRate: 0.6,
    sectors: [['A', 28], ['I', 30], ['G', 14], ['F', 10], ['N', 10], ['H', 8]],
    contracts: [['seasonal', 30], ['fixed_term', 40], ['apprenticeship', 10], ['permanent', 10], ['self_employment', 10]],
    organisations: [
      ['CIAPI Palermo', 'vet_provider', 'P', 5, true], ['Centro per l\'Impiego di Palermo', 'public_employment_service', 'O', 10],
      ['Comune di Palermo – Assessorato Cittadinanza Solidale', 'local_authority', 'O', 8], ['Coldiretti Palermo Servizi', 'employer_association', 'S', 20, true],
      ['Centro Diaconale La Noce', 'civil_society_org', 'Q', 6, true], ['Associazione Giovani Gambiani Palermo', 'migrant_association', 'S', 15, true],
      ['Agrumi Conca d\'Oro soc. coop.', 'enterprise', 'A', 30], ['Ristorazione Ballarò srl', 'enterprise', 'I', 40],
      ['Serre Monreale srl', 'enterprise', 'A', 55],
    ],
    indicators: { unemploymentPct: 14.8, centresPer100k: 0.5, firmsPer1000: 58 },
    targets: { enrolledFactor: 1.2, placedFactor: 1.4, womenSharePct: 35 },
    mentors: [
      { displayName: 'Lamin J.', languages: ['en', 'wo', 'it'], areas: ['work', 'housing'] },
      { displayName: 'Aissatou B.', languages: ['fr', 'ff', 'it'], areas: ['work', 'financial_literacy'] },
      { displayName: 'Rahim H.', languages: ['bn', 'en', 'it'], areas: ['work', 'housing', 'financial_literacy'] },
      { displayName: 'Youssef K.', languages: ['ar', 'fr', 'it'], areas: ['housing', 'financial_literacy'] },
      { displayName: 'Blessing O.', languages: ['en', 'it'], areas: ['work'] },
    ],
  },
  {
    code: 'CY-LIM', name: 'AMIR Limassol', city: 'Limassol', country: 'CY', programme: 'AMIR', clusterName: 'Limassol Peer Mentoring Cluster',
    startMonth: 6, enrolUntilMonth: 24, people: 160, womenBand: [35, 55],
    citizenships: [['SY', 5], ['CM', 3], ['UA', 3], ['CD', 2], ['NG', 2]],
    legalStatuses: [['asylum_seeker', 45], ['refugee', 25], ['subsidiary_protection', 25], ['other_tcn', 5]],
    placementRate: 0.45, womenFactor: 0.8, medianDaysToJob: 105, internshipRate: 0.3, dropoutRate: 0.12, mentoringRate: 0.7,
    sectors: [['I', 50], ['N', 20], ['G', 15], ['A', 15]],
    contracts: [['fixed_term', 40], ['seasonal', 35], ['permanent', 20], ['self_employment', 5]],
    organisations: [
      ['Limassol Vocational Training Institute', 'vet_provider', 'P', 5, true], ['Public Employment Service – Limassol District Office', 'public_employment_service', 'O', 7],
      ['Limassol Municipality Welfare Office', 'local_authority', 'O', 10], ['Limassol Tourism Employers Association', 'employer_association', 'S', 20, true],
      ['Cyprus Integration Support Limassol', 'civil_society_org', 'Q', 4, true], ['Syrian Community Limassol', 'migrant_association', 'S', 12],
      ['Amathus Seaside Hotels Ltd', 'enterprise', 'I', 25], ['Germasogeia Facility Services Ltd', 'enterprise', 'N', 35],
    ],
    indicators: { unemploymentPct: 4.9, centresPer100k: 1.3, firmsPer1000: 66 },
    targets: { enrolledFactor: 2.2, placedFactor: 1.4, womenSharePct: 45 },
    mentors: [
      { displayName: 'Rania H.', languages: ['ar', 'el', 'en'], areas: ['work', 'housing', 'financial_literacy'] },
      { displayName: 'Patrick M.', languages: ['fr', 'en', 'el'], areas: ['work', 'financial_literacy'] },
    ],
  },
  {
    code: 'GR-THE', name: 'AMIR Thessaloniki', city: 'Thessaloniki', country: 'GR', programme: 'AMIR', clusterName: 'Thessaloniki Peer Mentoring Cluster',
    startMonth: 3, enrolUntilMonth: 24, people: 300, womenBand: [35, 48],
    citizenships: [['SY', 22], ['AF', 20], ['IQ', 14], ['PK', 10], ['GE', 8], ['AL', 10], ['CD', 8], ['PS', 8]],
    legalStatuses: [['refugee', 50], ['asylum_seeker', 28], ['subsidiary_protection', 8], ['former_unaccompanied_minor', 6], ['other_tcn', 8]],
    placementRate: 0.4, womenFactor: 0.75, medianDaysToJob: 130, internshipRate: 0.3, dropoutRate: 0.15, mentoringRate: 0.55,
    sectors: [['C', 24], ['H', 18], ['A', 16], ['I', 22], ['G', 12], ['N', 8]],
    contracts: [['fixed_term', 46], ['seasonal', 20], ['permanent', 20], ['apprenticeship', 6], ['self_employment', 8]],
    organisations: [
      ['KEK Makedonias Training Centre', 'vet_provider', 'P', 5, true], ['DYPA Employment Centre Thessaloniki', 'public_employment_service', 'O', 9],
      ['Municipality of Thessaloniki Social Policy Office', 'local_authority', 'O', 10, true], ['Federation of Industries of Northern Greece Desk', 'employer_association', 'S', 20],
      ['Thessaloniki Chamber of Small and Medium Industries', 'chamber_of_commerce', 'S', 30], ['ARSIS Thessaloniki Employability', 'civil_society_org', 'Q', 6, true],
      ['Syrian Women of Thessaloniki', 'migrant_association', 'S', 15], ['Aristotle University Language Centre', 'university', 'P', 25],
      ['Sindos Food Industries AE', 'enterprise', 'C', 35], ['Thermaikos Logistics IKE', 'enterprise', 'H', 40],
      ['Chalkidiki Orchards OE', 'enterprise', 'A', 55],
    ],
    indicators: { unemploymentPct: 11.6, centresPer100k: 0.6, firmsPer1000: 79 },
    targets: { enrolledFactor: 1.0, placedFactor: 1.1, womenSharePct: 45 },
    mentors: [
      { displayName: 'Ahmad S.', languages: ['ar', 'el', 'en'], areas: ['work', 'housing'] },
      { displayName: 'Zahra M.', languages: ['fa', 'el'], areas: ['work', 'financial_literacy'] },
      { displayName: 'Khaled N.', languages: ['ar', 'ku', 'el'], areas: ['housing', 'financial_literacy'] },
      { displayName: 'Nino B.', languages: ['ka', 'ru', 'el'], areas: ['work'] },
    ],
  },
  {
    code: 'HU-BUD', name: 'AMIR Budapest', city: 'Budapest', country: 'HU', programme: 'AMIR', clusterName: 'Budapest Peer Mentoring Cluster',
    startMonth: 9, enrolUntilMonth: 24, people: 14, womenBand: [40, 60],
    citizenships: [['UA', 7], ['AF', 2], ['SY', 2], ['IR', 2], ['NG', 1]],
    legalStatuses: [['other_tcn', 40], ['refugee', 25], ['subsidiary_protection', 20], ['asylum_seeker', 15]],
    placementRate: 0.5, womenFactor: 0.9, medianDaysToJob: 90, internshipRate: 0.2, dropoutRate: 0.1, mentoringRate: 0.75,
    sectors: [['C', 30], ['H', 25], ['I', 25], ['J', 20]],
    contracts: [['fixed_term', 40], ['permanent', 40], ['self_employment', 20]],
    organisations: [
      ['Budapest Migrant Training Centre', 'vet_provider', 'P', 5, true], ['Budapest Főváros Kormányhivatala Foglalkoztatási Főosztály', 'public_employment_service', 'O', 12],
      ['Budapest Főváros VIII. kerület Önkormányzat', 'local_authority', 'O', 20], ['Hungarian Logistics Employers Association', 'employer_association', 'S', 25],
      ['Menedék Integration Desk', 'civil_society_org', 'Q', 4, true], ['Ukrainian Community Budapest', 'migrant_association', 'S', 10, true],
      ['Csepel Logisztika Kft.', 'enterprise', 'H', 30], ['Józsefváros Vendéglátó Kft.', 'enterprise', 'I', 40],
    ],
    indicators: { unemploymentPct: 3.6, centresPer100k: 0.8, firmsPer1000: 88 },
    targets: { enrolledFactor: 2.5, placedFactor: 1.3, womenSharePct: 50 },
    mentors: [
      { displayName: 'Olena K.', languages: ['uk', 'ru', 'hu'], areas: ['work', 'housing', 'financial_literacy'] },
      { displayName: 'Farid A.', languages: ['fa', 'en', 'hu'], areas: ['work'] },
    ],
  },
  {
    code: 'DE-BER', name: 'AMIR Berlin', city: 'Berlin', country: 'DE', programme: 'AMIR', clusterName: 'Berliner Mentoring-Cluster AMIR',
    startMonth: 3, enrolUntilMonth: 24, people: 380, womenBand: [38, 50],
    citizenships: [['SY', 20], ['AF', 16], ['UA', 16], ['TR', 10], ['IQ', 8], ['ER', 8], ['IR', 8], ['GE', 6], ['MA', 4], ['NG', 4]],
    legalStatuses: [['refugee', 30], ['subsidiary_protection', 20], ['asylum_seeker', 14], ['humanitarian_protection', 8], ['other_tcn', 26], ['former_unaccompanied_minor', 2]],
    placementRate: 0.52, womenFactor: 0.8, medianDaysToJob: 135, internshipRate: 0.35, dropoutRate: 0.11, mentoringRate: 0.5,
    sectors: [['Q', 24], ['H', 18], ['I', 18], ['F', 14], ['N', 14], ['J', 6], ['C', 6]],
    // Apprenticeships (Ausbildung) and permanent contracts are common ways in for refugees in Germany.
    contracts: [['fixed_term', 34], ['permanent', 30], ['apprenticeship', 26], ['seasonal', 2], ['self_employment', 8]],
    organisations: [
      ['Bildungswerk Kreuzberg gGmbH', 'vet_provider', 'P', 5, true], ['Agentur für Arbeit Berlin Mitte', 'public_employment_service', 'O', 6, true],
      ['Bezirksamt Neukölln – Integrationsbüro', 'local_authority', 'O', 12], ['Unternehmensverband Pflege Berlin', 'employer_association', 'S', 20],
      ['IHK Berlin Willkommenslotsen', 'chamber_of_commerce', 'S', 15, true], ['ver.di Berlin Migrationsberatung', 'trade_union', 'S', 40],
      ['Willkommen in Arbeit e.V.', 'civil_society_org', 'Q', 4], ['Syrisches Haus Berlin e.V.', 'migrant_association', 'S', 18, true],
      ['Spree Pflegedienst GmbH', 'enterprise', 'Q', 30], ['Tempelhof Logistik GmbH', 'enterprise', 'H', 35],
      ['Wedding Gastro GmbH', 'enterprise', 'I', 45], ['Marzahn Bau GmbH', 'enterprise', 'F', 60],
    ],
    indicators: { unemploymentPct: 5.4, centresPer100k: 0.7, firmsPer1000: 45 },
    targets: { enrolledFactor: 1.0, placedFactor: 0.95, womenSharePct: 45 },
    mentors: [
      { displayName: 'Hiba A.', languages: ['ar', 'de', 'en'], areas: ['work', 'housing'] },
      { displayName: 'Mehmet Y.', languages: ['tr', 'ku', 'de'], areas: ['work', 'financial_literacy'] },
      { displayName: 'Oksana B.', languages: ['uk', 'ru', 'de'], areas: ['housing', 'financial_literacy'] },
      { displayName: 'Yonas T.', languages: ['ti', 'en', 'de'], areas: ['work'] },
      { displayName: 'Jawad R.', languages: ['fa', 'ps', 'de'], areas: ['work', 'housing', 'financial_literacy'] },
      { displayName: 'Layla K.', languages: ['ar', 'de'], areas: ['financial_literacy'] },
    ],
  },
  {
    code: 'ES-VLC', name: 'AMIR Valencia', city: 'València', country: 'ES', programme: 'AMIR', clusterName: 'Clúster AMIR València',
    startMonth: 3, enrolUntilMonth: 24, people: 240, womenBand: [42, 56],
    citizenships: [['CO', 22], ['VE', 20], ['MA', 16], ['SN', 10], ['UA', 10], ['HN', 8], ['ML', 6], ['GE', 4], ['PK', 4]],
    legalStatuses: [['asylum_seeker', 34], ['humanitarian_protection', 20], ['refugee', 10], ['subsidiary_protection', 8], ['other_tcn', 26], ['former_unaccompanied_minor', 2]],
    placementRate: 0.48, womenFactor: 0.95, medianDaysToJob: 90, internshipRate: 0.3, dropoutRate: 0.13, mentoringRate: 0.55,
    sectors: [['A', 24], ['I', 26], ['H', 14], ['Q', 14], ['N', 12], ['G', 10]],
    contracts: [['fixed_term', 34], ['seasonal', 26], ['permanent', 24], ['self_employment', 10], ['apprenticeship', 6]],
    organisations: [
      ['Centro de Formación Ciutat Vella', 'vet_provider', 'P', 5, true], ['LABORA – Espai Labora València', 'public_employment_service', 'O', 8, true],
      ['Ajuntament de València – Servei d\'Inserció Sociolaboral', 'local_authority', 'O', 12], ['Asociación Valenciana de Agricultores Servicios', 'employer_association', 'S', 18],
      ['Fundación Valenciana de Acogida', 'civil_society_org', 'Q', 4, true], ['Asociación de Senegaleses de València', 'migrant_association', 'S', 20],
      ['Cítricos de la Huerta S.Coop.', 'enterprise', 'A', 30], ['Hostelería Malvarrosa S.L.', 'enterprise', 'I', 40],
      ['Transportes Puerto de València S.L.', 'enterprise', 'H', 50],
    ],
    indicators: { unemploymentPct: 13.2, centresPer100k: 1.0, firmsPer1000: 71 },
    targets: { enrolledFactor: 1.05, placedFactor: 1.0, womenSharePct: 50 },
    mentors: [
      { displayName: 'Daniela R.', languages: ['es', 'en'], areas: ['work', 'housing', 'financial_literacy'] },
      { displayName: 'Cheikh D.', languages: ['wo', 'fr', 'es'], areas: ['work', 'housing'] },
      { displayName: 'Salma B.', languages: ['ar', 'fr', 'es'], areas: ['financial_literacy', 'housing'] },
    ],
  },
  {
    code: 'FR-LYO', name: 'AMIR Lyon', city: 'Lyon', country: 'FR', programme: 'AMIR', clusterName: 'Cluster AMIR Lyon Métropole',
    startMonth: 4, enrolUntilMonth: 24, people: 20, womenBand: [35, 48],
    citizenships: [['GN', 16], ['CI', 14], ['CD', 12], ['AF', 14], ['SD', 10], ['ER', 8], ['CM', 8], ['MA', 8], ['TN', 6], ['GE', 4]],
    legalStatuses: [['refugee', 36], ['subsidiary_protection', 18], ['asylum_seeker', 18], ['former_unaccompanied_minor', 12], ['other_tcn', 16]],
    placementRate: 0.46, womenFactor: 0.8, medianDaysToJob: 115, internshipRate: 0.4, dropoutRate: 0.12, mentoringRate: 0.5,
    sectors: [['F', 22], ['I', 22], ['N', 20], ['H', 18], ['C', 10], ['Q', 8]],
    contracts: [['fixed_term', 44], ['permanent', 26], ['apprenticeship', 14], ['seasonal', 6], ['self_employment', 10]],
    organisations: [
      ['AFPA Lyon Vénissieux', 'vet_provider', 'P', 5, true], ['France Travail Lyon 7e', 'public_employment_service', 'O', 8, true],
      ['Métropole de Lyon – Direction Insertion', 'local_authority', 'O', 10], ['Fédération BTP Rhône Métropole Emploi', 'employer_association', 'S', 20, true],
      ['CCI Lyon Métropole Saint-Étienne Roanne', 'chamber_of_commerce', 'S', 30], ['Forum Réfugiés Accompagnement Emploi', 'civil_society_org', 'Q', 4, true],
      ['Association des Guinéens du Rhône', 'migrant_association', 'S', 20], ['Bâtiment Confluence SARL', 'enterprise', 'F', 35],
      ['Propreté Part-Dieu SAS', 'enterprise', 'N', 40], ['Bouchons Lyonnais Restauration SARL', 'enterprise', 'I', 50],
    ],
    indicators: { unemploymentPct: 6.4, centresPer100k: 0.9, firmsPer1000: 69 },
    targets: { enrolledFactor: 1.1, placedFactor: 1.2, womenSharePct: 45 },
    mentors: [
      { displayName: 'Mamadou D.', languages: ['ff', 'fr'], areas: ['work', 'housing'] },
      { displayName: 'Senait H.', languages: ['ti', 'ar', 'fr'], areas: ['work', 'financial_literacy'] },
      { displayName: 'Hamid A.', languages: ['fa', 'ps', 'fr'], areas: ['housing', 'financial_literacy'] },
    ],
  },
  {
    code: 'SE-MAL', name: 'AMIR Malmö', city: 'Malmö', country: 'SE', programme: 'AMIR', clusterName: 'Malmö Mentorskapskluster',
    startMonth: 8, enrolUntilMonth: 24, people: 22, womenBand: [40, 60],
    citizenships: [['SY', 6], ['AF', 4], ['ER', 3], ['SO', 3], ['IQ', 3], ['UA', 3]],
    legalStatuses: [['refugee', 35], ['subsidiary_protection', 20], ['other_tcn', 35], ['asylum_seeker', 10]],
    placementRate: 0.5, womenFactor: 0.85, medianDaysToJob: 145, internshipRate: 0.35, dropoutRate: 0.1, mentoringRate: 0.7,
    sectors: [['Q', 35], ['H', 25], ['I', 20], ['N', 20]],
    contracts: [['permanent', 40], ['fixed_term', 45], ['self_employment', 15]],
    organisations: [
      ['Komvux Malmö Yrkesutbildning', 'vet_provider', 'P', 5, true], ['Arbetsförmedlingen Malmö', 'public_employment_service', 'O', 8, true],
      ['Malmö stad Arbetsmarknadsförvaltningen', 'local_authority', 'O', 10], ['Svensk Omsorg Syd Arbetsgivarförening', 'employer_association', 'S', 20],
      ['Föreningen Nya Malmöbor', 'civil_society_org', 'Q', 4, true], ['Somaliska Föreningen Malmö', 'migrant_association', 'S', 12],
      ['Rosengård Omsorg AB', 'enterprise', 'Q', 25], ['Öresund Lager AB', 'enterprise', 'H', 35],
    ],
    indicators: { unemploymentPct: 10.2, centresPer100k: 0.7, firmsPer1000: 105 },
    targets: { enrolledFactor: 2.0, placedFactor: 1.3, womenSharePct: 50 },
    mentors: [
      { displayName: 'Abdirahman W.', languages: ['so', 'sv', 'en'], areas: ['work', 'housing', 'financial_literacy'] },
      { displayName: 'Noor H.', languages: ['ar', 'sv'], areas: ['work', 'financial_literacy'] },
    ],
  },
];

/** Where the territorial indicators' orders of magnitude come from (they are not the published figures). */
export const INDICATOR_SOURCES = {
  unemployment_rate_pct: 'Demo value in the range of Eurostat lfst_r_lfu3rt (NUTS 2, 2024)',
  employment_centres_per_100k: 'Demo value in the range of national PES office directories (2024)',
  firms_per_1000_inhabitants: 'Demo value in the range of Eurostat SBS business demography (2023)',
} as const;
