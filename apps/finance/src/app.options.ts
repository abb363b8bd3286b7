import { ServiceAppOptions } from '@vangnet/platform';
import { DECLARATIONS_PATH } from './declarations/declarations.controller';

/**
 * How the finance app is bootstrapped, shared by main.ts, the tests and the benches; the one place
 * its description lives. A bulk declaration (100,000 lines) may be large on that route alone;
 * every other route keeps the small default.
 */
export const FINANCE_APP_OPTIONS: ServiceAppOptions = {
  service: 'finance',
  description:
    'Budgets and regional funds, commitments per provision, declaration assessment (iWmo/iJw 323 in HTTP form), payments (maker-checker), spend reports, settlement and budget reports.',
  bodyLimits: [{ path: DECLARATIONS_PATH, limit: process.env.FINANCE_DECLARATION_BODY_LIMIT ?? '80mb' }],
};
