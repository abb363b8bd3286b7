import { Provider } from '@nestjs/common';
import { Caller, ScopeError } from '@vangnet/auth';
import { isMunicipalityCode } from '@vangnet/contracts';

/** The demo region of DOMAIN.md (Leidse Regio): the defaults for a local run. */
export const DEMO_REGION = {
  municipalities: ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'],
  central: 'GM0546',
} as const;

export class RegionConfigError extends Error {}

/**
 * The region is configuration (ARCHITECTURE §6): its member municipalities
 * (`VANGNET_REGION_MUNICIPALITIES`, comma-separated CBS codes) and its central municipality
 * (`VANGNET_CENTRAL_MUNICIPALITY`, one of them). Read and validated here only, once at start
 * (a bad value stops the service with the variable named); services inject it.
 */
export class RegionConfig {
  readonly municipalities: readonly string[];

  constructor(
    municipalities: readonly string[],
    readonly central: string,
  ) {
    this.municipalities = Object.freeze([...municipalities]);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): RegionConfig {
    const rawMembers = env.VANGNET_REGION_MUNICIPALITIES?.trim();
    const rawCentral = env.VANGNET_CENTRAL_MUNICIPALITY?.trim();
    const members = rawMembers ? rawMembers.split(',').map((m) => m.trim()) : [...DEMO_REGION.municipalities];
    const central = rawCentral || (rawMembers ? undefined : DEMO_REGION.central);
    const bad = members.filter((m) => !isMunicipalityCode(m));
    if (bad.length) {
      throw new RegionConfigError(`VANGNET_REGION_MUNICIPALITIES must be CBS codes GM followed by 4 digits, separated by commas; not ${bad.map((b) => `"${b}"`).join(', ')}`);
    }
    const twice = members.filter((m, i) => members.indexOf(m) !== i);
    if (twice.length) throw new RegionConfigError(`VANGNET_REGION_MUNICIPALITIES names ${[...new Set(twice)].join(', ')} more than once`);
    // A region of its own members only needs its central municipality named explicitly.
    if (!central) throw new RegionConfigError('VANGNET_CENTRAL_MUNICIPALITY must be set when VANGNET_REGION_MUNICIPALITIES is');
    if (!isMunicipalityCode(central)) throw new RegionConfigError(`VANGNET_CENTRAL_MUNICIPALITY must be a CBS code GM followed by 4 digits, not "${central}"`);
    if (!members.includes(central)) {
      throw new RegionConfigError(`VANGNET_CENTRAL_MUNICIPALITY ${central} is not one of VANGNET_REGION_MUNICIPALITIES (${members.join(', ')})`);
    }
    return new RegionConfig(members, central);
  }

  isMember(municipality: string): boolean {
    return this.municipalities.includes(municipality);
  }

  /**
   * Whether a caller acting for these municipalities acts for the whole region: region-wide data
   * (providers, life domains, decreed days, rule sets, the partner registry) is changed only so.
   */
  coveredBy(municipalities: readonly string[]): boolean {
    return this.municipalities.every((m) => municipalities.includes(m));
  }

  /**
   * Region-wide data is changed only by a caller acting for every member municipality
   * (ARCHITECTURE §6): 403 OUT_OF_SCOPE naming `municipalities` and the members the token lacks.
   * `what` names the data in the message ("the region's housing policy").
   */
  requireWholeRegion(caller: Caller, what: string): void {
    if (this.coveredBy(caller.municipalities)) return;
    const missing = this.municipalities.filter((m) => !caller.municipalities.includes(m));
    throw ScopeError.of('municipalities', `${what} is changed only by a token acting for every member municipality; this one does not grant ${missing.join(', ')}`);
  }
}

/** How PlatformModule provides it: read once when the service's module is built. */
export const regionConfigProvider: Provider = { provide: RegionConfig, useFactory: () => RegionConfig.fromEnv() };
