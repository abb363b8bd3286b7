import { ServiceAppOptions } from '@vangnet/platform';

/** How the exchange app is bootstrapped, shared by main.ts, the tests and the benches; the one place its description lives. */
export const EXCHANGE_APP_OPTIONS: ServiceAppOptions = {
  service: 'exchange',
  description:
    'Exchange (berichtenverkeer): iWmo and iJw 3.2 messages with providers — outbound 301, 319, 325, inbound 305, 307, 315, 317, 323, their retours, the archive and the mailbox.',
};
