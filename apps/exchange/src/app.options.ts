import { MAX_FILE_BYTES } from '@vangnet/istandaarden';
import { ServiceAppOptions } from '@vangnet/platform';
import express from 'express';

/**
 * The mailbox reads the file as it is sent (bytes, any content type: a non-XML body is refused
 * by the file rules), in memory, never to disk. Up to 1 MiB above the standard's limit so a file
 * just over it is refused with the standard's own code (FILE_TOO_LARGE, OP179); anything larger
 * is cut off by the body parser (413 PAYLOAD_TOO_LARGE).
 */
export const MAILBOX_BODY_LIMIT = MAX_FILE_BYTES + 1024 * 1024;

/** How the exchange app is bootstrapped, shared by main.ts, the tests and the benches; the one place its description lives. */
export const EXCHANGE_APP_OPTIONS: ServiceAppOptions = {
  service: 'exchange',
  description:
    'Exchange (berichtenverkeer): iWmo and iJw 3.2 messages with providers — outbound 301, 319, 325, inbound 305, 307, 315, 317, 323, their retours, the archive and the mailbox.',
  configure: (app) => {
    app.use(/^\/api\/exchange\/v1\/mailbox\/?$/, express.raw({ type: () => true, limit: MAILBOX_BODY_LIMIT }));
  },
};
