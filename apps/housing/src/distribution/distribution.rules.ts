import { distributeLargestRemainder, FacilityType, InvalidParam } from '@vangnet/contracts';
import { DistributionErrorCode } from './distribution.errors';

// The region shares the housing task in proportion, in numbers and in kind (DOMAIN.md "Regional
// distribution"): per facility type, the region's places are divided over the municipalities by
// the year's key; a municipality short of its share owes compensation per missing place-year.

export interface Share {
  municipality: string;
  basisPoints: number;
}

export interface KeyRules {
  shares: Share[];
  compensationPerPlaceYearCents: number;
  /** The types the key covers (empty: every type with places). */
  facilityTypes: string[];
  /** A neighbourhood holding more than this share of its municipality's places is a concentration… */
  concentrationThresholdBasisPoints: number;
  /** …when it also holds at least this many places. */
  concentrationMinimumPlaces: number;
}

export interface FacilityPlaces {
  municipality: string;
  neighbourhood: string;
  type: string;
  places: number;
}

export interface MunicipalityShare {
  municipality: string;
  places: number;
  target: number;
  shortfall: number;
  surplus: number;
}

export interface DistributionReport {
  types: Array<{ facilityType: string; regionalPlaces: number; municipalities: MunicipalityShare[] }>;
  municipalities: Array<
    MunicipalityShare & {
      shareBasisPoints: number;
      /** Missing place-years (the shortfall over the types, for the year) × the amount per place-year. */
      compensationOwedCents: number;
      /** What its surplus earns from those who fall short (the region balances to the cent). */
      compensationDueCents: number;
      intermediateFacilities: number;
      /** DOMAIN.md: at least one intermediate facility per municipality. */
      missingIntermediateFacility: boolean;
    }
  >;
  neighbourhoods: Array<{ municipality: string; neighbourhood: string; places: number; shareBasisPoints: number; concentrated: boolean }>;
  totals: { places: number; shortfall: number; compensationCents: number };
}

/** The key's rule breaches, naming the field: every member once, shares adding up to 100 %. */
export function keyProblems(shares: readonly Share[], members: readonly string[]): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const seen = new Set<string>();
  shares.forEach((s, i) => {
    if (!members.includes(s.municipality)) problems.push({ name: `shares[${i}].municipality`, code: DistributionErrorCode.NOT_IN_REGION, reason: `${s.municipality} is not a member of the region` });
    if (seen.has(s.municipality)) problems.push({ name: `shares[${i}].municipality`, code: DistributionErrorCode.DUPLICATE_SHARE, reason: `${s.municipality} has a share already` });
    seen.add(s.municipality);
  });
  const missing = members.filter((m) => !seen.has(m));
  if (missing.length) problems.push({ name: 'shares', code: DistributionErrorCode.SHARES_INCOMPLETE, reason: `every member needs a share; missing ${missing.join(', ')}` });
  const sum = shares.reduce((a, s) => a + s.basisPoints, 0);
  if (sum !== 10_000) problems.push({ name: 'shares', code: DistributionErrorCode.SHARES_NOT_WHOLE, reason: `the shares add up to ${sum} basis points, not 10000 (100 %)` });
  return problems;
}

export function distribution(key: KeyRules, facilities: readonly FacilityPlaces[]): DistributionReport {
  const members = key.shares.map((s) => s.municipality);
  const counted = facilities.filter((f) => (key.facilityTypes.length === 0 || key.facilityTypes.includes(f.type)) && members.includes(f.municipality));
  const types = [...new Set(counted.map((f) => f.type))].sort();
  const perType = types.map((type) => {
    const ofType = counted.filter((f) => f.type === type);
    const regional = ofType.reduce((a, f) => a + f.places, 0);
    // Largest remainder: the targets add up to the region's places exactly.
    const targets = distributeLargestRemainder(BigInt(regional), key.shares.map((s) => BigInt(s.basisPoints))).map(Number);
    const municipalities = key.shares.map((s, i) => {
      const places = ofType.filter((f) => f.municipality === s.municipality).reduce((a, f) => a + f.places, 0);
      return { municipality: s.municipality, places, target: targets[i], shortfall: Math.max(0, targets[i] - places), surplus: Math.max(0, places - targets[i]) };
    });
    return { facilityType: type, regionalPlaces: regional, municipalities };
  });
  const municipalities = key.shares.map((s) => {
    const rows = perType.map((t) => t.municipalities.find((m) => m.municipality === s.municipality) as MunicipalityShare);
    const sum = (k: keyof Omit<MunicipalityShare, 'municipality'>) => rows.reduce((a, r) => a + r[k], 0);
    const intermediate = facilities.filter((f) => f.municipality === s.municipality && f.type === FacilityType.INTERMEDIATE_FACILITY && f.places > 0).length;
    return {
      municipality: s.municipality,
      shareBasisPoints: s.basisPoints,
      places: sum('places'),
      target: sum('target'),
      shortfall: sum('shortfall'),
      surplus: sum('surplus'),
      compensationOwedCents: sum('shortfall') * key.compensationPerPlaceYearCents,
      compensationDueCents: sum('surplus') * key.compensationPerPlaceYearCents,
      intermediateFacilities: intermediate,
      missingIntermediateFacility: intermediate === 0,
    };
  });
  const neighbourhoods: DistributionReport['neighbourhoods'] = [];
  for (const m of members) {
    const own = counted.filter((f) => f.municipality === m);
    const total = own.reduce((a, f) => a + f.places, 0);
    for (const n of [...new Set(own.map((f) => f.neighbourhood))].sort()) {
      const places = own.filter((f) => f.neighbourhood === n).reduce((a, f) => a + f.places, 0);
      const share = total === 0 ? 0 : Math.round((places * 10_000) / total);
      neighbourhoods.push({ municipality: m, neighbourhood: n, places, shareBasisPoints: share, concentrated: places >= key.concentrationMinimumPlaces && share > key.concentrationThresholdBasisPoints });
    }
  }
  const shortfall = municipalities.reduce((a, m) => a + m.shortfall, 0);
  return {
    types: perType,
    municipalities,
    neighbourhoods,
    totals: { places: counted.reduce((a, f) => a + f.places, 0), shortfall, compensationCents: shortfall * key.compensationPerPlaceYearCents },
  };
}
