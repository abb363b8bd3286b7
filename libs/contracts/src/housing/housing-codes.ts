/** Housing's wire values (DOMAIN.md "Housing", issue 14). Values are only ever added. */

/** The kinds of facility (woonvorm) a waiting-list entry asks for and a place belongs to. */
export enum FacilityType {
  /** Intramural protected housing (beschermd wonen, intramuraal). */
  INTRAMURAL_PROTECTED_HOUSING = 'INTRAMURAL_PROTECTED_HOUSING',
  /** Tussenvoorziening. */
  INTERMEDIATE_FACILITY = 'INTERMEDIATE_FACILITY',
  /** "BW light": protected housing with less supervision. */
  PROTECTED_HOUSING_LIGHT = 'PROTECTED_HOUSING_LIGHT',
  /** Respijthuis. */
  RESPITE_HOUSE = 'RESPITE_HOUSE',
  CRISIS_SINGLE = 'CRISIS_SINGLE',
  CRISIS_FAMILY = 'CRISIS_FAMILY',
  /** Nachtopvang. */
  NIGHT_SHELTER = 'NIGHT_SHELTER',
  /** 24-uursopvang. */
  DAY_AND_NIGHT_SHELTER = 'DAY_AND_NIGHT_SHELTER',
  /** Vrouwenopvang. */
  WOMENS_SHELTER = 'WOMENS_SHELTER',
  /** "Scheve huisjes": small detached homes for people who cannot live among neighbours. */
  SMALL_DETACHED_HOME = 'SMALL_DETACHED_HOME',
  HOUSING_FIRST = 'HOUSING_FIRST',
  /** Own home with ambulant support (beschermd thuis). */
  OWN_HOME_WITH_SUPPORT = 'OWN_HOME_WITH_SUPPORT',
}

/** What a place offers and a resident may need (no diagnosis: facility features only). */
export enum PlaceFeature {
  /** Wheelchair accessible, no stairs. */
  ACCESSIBLE = 'ACCESSIBLE',
  FAMILY_SIZED = 'FAMILY_SIZED',
  /** For women only, or men only. */
  GENDER_SPECIFIC = 'GENDER_SPECIFIC',
  PETS_ALLOWED = 'PETS_ALLOWED',
}
