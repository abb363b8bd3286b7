import { ServiceAppOptions } from '@vangnet/platform';

/** How the access app is bootstrapped, shared by main.ts, the tests and the benches; the one place its description lives. */
export const ACCESS_APP_OPTIONS: ServiceAppOptions = {
  service: 'access',
  description:
    'Access (toegang): persons and households, registrations, investigations, applications, decisions with provisions, objections, referrals, statutory deadlines and the responsible municipality.',
};
