/** Wire values for units, frequencies, delivery forms and financing variants (ARCHITECTURE §2). */
export enum Unit {
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
  DAY_PART = 'DAY_PART',
  DAY = 'DAY',
  PIECE = 'PIECE',
  EURO = 'EURO',
}

export enum Frequency {
  PER_DAY = 'PER_DAY',
  PER_WEEK = 'PER_WEEK',
  PER_MONTH = 'PER_MONTH',
  TOTAL = 'TOTAL',
}

export enum DeliveryForm {
  IN_KIND = 'IN_KIND',
  PGB = 'PGB',
}

export enum FinancingVariant {
  EFFORT = 'EFFORT',
  OUTPUT = 'OUTPUT',
  TASK = 'TASK',
}

/** Minutes in one unit of time, for the units that are time (a day part is 4 hours). */
export const MINUTES_PER_UNIT: Readonly<Partial<Record<Unit, number>>> = {
  [Unit.MINUTE]: 1,
  [Unit.HOUR]: 60,
  [Unit.DAY_PART]: 240,
  [Unit.DAY]: 1440,
};

/** A provision's unit may differ from the contract's only as minutes billed against an hour tariff. */
export function isMinutesAgainstHour(billedUnit: Unit, tariffUnit: Unit): boolean {
  return billedUnit === Unit.MINUTE && tariffUnit === Unit.HOUR;
}
