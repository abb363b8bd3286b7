import { ServiceAppOptions } from '@vangnet/platform';

/** How the procurement app is bootstrapped, shared by main.ts, the tests and the benches; the one place its description lives. */
export const PROCUREMENT_APP_OPTIONS: ServiceAppOptions = {
  service: 'procurement',
  description:
    'Procurement (inkoop): providers, procurement rounds, contracts with their products, tariffs and options, the yearly product catalogue, spend ceilings, client stops, waiting times and subsidies; and the contract check other services ask before assigning care.',
};
