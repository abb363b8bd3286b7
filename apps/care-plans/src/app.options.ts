import { ServiceAppOptions } from '@vangnet/platform';

/** How the care-plans app is bootstrapped, shared by main.ts, the tests and the benches; the one place its description lives. */
export const CARE_PLANS_APP_OPTIONS: ServiceAppOptions = {
  service: 'care-plans',
  description: 'Care plans (ondersteuningsplan): one plan per household with its coordinator, participants, goals, actions, reviews and consent.',
};
