import { ServiceAppOptions } from '@vangnet/platform';

/** How the housing app is bootstrapped, shared by main.ts, the tests and the benches; the one place its description lives. */
export const HOUSING_APP_OPTIONS: ServiceAppOptions = {
  service: 'housing',
  description: 'Housing (wonen): facilities and places, the waiting list, matching, placements, outflow, corporation quotas and nominations.',
};
