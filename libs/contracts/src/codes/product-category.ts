/** Product categories: iWmo WMO020 (01–18) and iJw JZ020 (31–38 from 2015, 40–55), the code lists' own codes. */
export enum ProductCategory {
  HOUSEHOLD_HELP = '01',
  GUIDANCE = '02',
  PERSONAL_CARE = '03',
  SHORT_STAY = '04',
  HOUSING_SERVICES = '05',
  OTHER_INDIVIDUAL = '06',
  DAY_ACTIVITIES = '07',
  TRANSPORT_SERVICES = '08',
  OTHER_GROUP = '09',
  OTHER_TAILORED = '10',
  WHEELCHAIRS = '11',
  TRANSPORT_AIDS = '12',
  HOUSING_ADAPTATIONS = '13',
  OTHER_AIDS = '14',
  PROTECTED_HOUSING = '15',
  SHELTER = '16',
  EMERGENCY_SHELTER = '17',
  OTHER_PROTECTED_HOUSING_AND_SHELTER = '18',
  // Jeugdwet categories of 2015, still in JZ020 for assignments from that time.
  YOUTH_2015_NEIGHBOURHOOD_TEAM = '31',
  YOUTH_2015_AMBULANT_AT_PROVIDER = '32',
  YOUTH_2015_DAY_CARE_AT_PROVIDER = '33',
  YOUTH_2015_IN_NETWORK = '34',
  YOUTH_2015_FOSTER_CARE = '35',
  YOUTH_2015_FAMILY_HOME = '36',
  YOUTH_2015_SECURE_PLACEMENT = '37',
  YOUTH_2015_OTHER_RESIDENTIAL = '38',
  YOUTH_PERSONAL_CARE = '40',
  YOUTH_DAY_TREATMENT = '41',
  YOUTH_TRANSPORT = '42',
  YOUTH_RESIDENTIAL_WITH_TREATMENT = '43',
  YOUTH_RESIDENTIAL_WITHOUT_TREATMENT = '44',
  YOUTH_AMBULANT = '45',
  YOUTH_CRISIS = '46',
  YOUTH_PROBATION = '47',
  YOUTH_PROTECTION = '48',
  YOUTH_PREVENTIVE_JUSTICE = '49',
  YOUTH_TAILORED = '50',
  YOUTH_BASIC_MENTAL_HEALTH = '51',
  YOUTH_SPECIALIST_MENTAL_HEALTH = '52',
  YOUTH_PAEDIATRICS = '53',
  YOUTH_MENTAL_HEALTH = '54',
  YOUTH_NATIONAL = '55',
}

export const PRODUCT_CATEGORY_LABELS: Readonly<Record<ProductCategory, string>> = {
  '01': 'Hulp bij het huishouden',
  '02': 'Begeleiding',
  '03': 'Persoonlijke verzorging',
  '04': 'Kortdurend verblijf',
  '05': 'Woondiensten',
  '06': 'Overige ondersteuning gericht op het individu of huishouden/gezin',
  '07': 'Dagbesteding',
  '08': 'Vervoerdiensten',
  '09': 'Overige groepsgerichte ondersteuning',
  '10': 'Overige maatwerk arrangementen',
  '11': 'Rolstoelen',
  '12': 'Vervoervoorzieningen',
  '13': 'Woonvoorzieningen',
  '14': 'Overige hulpmiddelen',
  '15': 'Beschermd wonen',
  '16': 'Opvang',
  '17': 'Spoedopvang',
  '18': 'Overige beschermd wonen en opvang',
  '31': '(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam',
  '32': '(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder',
  '33': '(2015) Zonder verblijf: daghulp op locatie van de aanbieder',
  '34': '(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige',
  '35': '(2015) Met verblijf: pleegzorg',
  '36': '(2015) Met verblijf: gezinsgericht',
  '37': '(2015) Met verblijf: gesloten plaatsing',
  '38': '(2015) Met verblijf: overig residentieel',
  '40': 'Persoonlijke verzorging (jeugd)',
  '41': 'Dagbehandeling',
  '42': 'Vervoerdiensten (jeugd)',
  '43': 'Jeugdhulp verblijf (incl. behandeling)',
  '44': 'Jeugdhulp verblijf (excl. behandeling)',
  '45': 'Jeugdhulp ambulant',
  '46': 'Jeugdhulp crisis',
  '47': 'Jeugdreclassering',
  '48': 'Jeugdbescherming',
  '49': 'Activiteiten in het preventief justitieel kader',
  '50': 'Maatwerkarrangementen jeugd',
  '51': 'Generalistische basis-ggz',
  '52': 'Specialistische ggz',
  '53': 'Kindergeneeskunde',
  '54': 'Jeugd-ggz',
  '55': 'Landelijk ingekochte zorg',
};

/** The law a category belongs to: Wmo 2015 (iWmo) or Jeugdwet (iJw). */
export enum Law {
  WMO = 'WMO',
  JEUGDWET = 'JEUGDWET',
}

export function lawOfCategory(category: ProductCategory | string): Law {
  return Number(category) >= 31 ? Law.JEUGDWET : Law.WMO;
}

/** Protected housing and shelter (beschermd wonen en opvang): categories 15–18. */
export function isProtectedHousingOrShelter(category: ProductCategory | string): boolean {
  return ['15', '16', '17', '18'].includes(category);
}

/** Shelter (maatschappelijke opvang) stays with the central municipality: categories 16 and 17. */
export function isShelter(category: ProductCategory | string): boolean {
  return category === ProductCategory.SHELTER || category === ProductCategory.EMERGENCY_SHELTER;
}

/** Crisis by category: emergency shelter (17). A contracted product may also be marked crisis. */
export function isCrisisCategory(category: ProductCategory | string): boolean {
  return category === ProductCategory.EMERGENCY_SHELTER;
}

/** A product code from a municipality's yearly catalogue (iWmo LDT_ProductCode: 1–5 characters). */
export const PRODUCT_CODE_PATTERN = /^[0-9A-Za-z]{1,5}$/;
