import { DECLARATIONS_BUCKET, MESSAGE_CATALOGUE, ServiceName, SERVICES, streamNameOf } from '@vangnet/contracts';
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { ConnectionOptions, credsAuthenticator } from 'nats';

// ARCHITECTURE §6 / issue 13, decision O5: every service connects as its own NATS user, allowed
// to publish and subscribe only its own subjects and the requests and streams it consumes, so a
// service (or whoever holds its credentials) cannot publish another's events or answer another's
// requests. The permissions follow from the message catalogue (producer and consumers of each
// subject), never a hand-kept list.

/** Who may use a JetStream object store bucket beyond its owner: `<bucket>` → services. */
const BUCKET_USERS: Record<string, readonly ServiceName[]> = {
  // The exchange writes a 323's lines; finance reads them and writes its rejected lines beside them.
  [DECLARATIONS_BUCKET]: ['exchange', 'finance'],
};

export interface NatsPermissions {
  publish: { allow: string[]; deny?: string[] };
  subscribe: { allow: string[] };
  /**
   * Publish once to the reply subject of each request received (nats-server's `allow_responses`):
   * a service answers requests into the caller's own inbox without being allowed to publish to
   * any inbox, so it can neither snoop on nor forge another service's replies.
   */
  allow_responses: boolean;
}

/**
 * Services whose JetStream consumers are named at run time, not after the service: the gateway
 * keeps one durable per webhook subscription (`webhook_<id>`). They may manage any consumer on the
 * streams they read except those named after another service that reads the same stream.
 */
const RUNTIME_NAMED_CONSUMERS: readonly ServiceName[] = ['gateway'];

/**
 * The prefix of a service's reply subjects (nats.js `inboxPrefix`): its replies and JetStream
 * deliveries come only there, and only it may subscribe there.
 */
export function inboxPrefixOf(service: string): string {
  return `_INBOX_${service}`;
}

function streamPrefix(subjectPrefix: string): string {
  return subjectPrefix.replace(/\./g, '_').toUpperCase();
}

/** Reading a stream: its configuration and state, and single messages. */
function streamRead(stream: string): string[] {
  return [`$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.MSG.GET.${stream}`, `$JS.API.DIRECT.GET.${stream}`, `$JS.API.DIRECT.GET.${stream}.>`];
}

/** Creating, reading and using one named consumer (nats.js 2.29 against nats-server 2.9+). */
function consumerApi(stream: string, consumer: string): string[] {
  return [
    `$JS.API.CONSUMER.CREATE.${stream}.${consumer}`,
    `$JS.API.CONSUMER.CREATE.${stream}.${consumer}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${consumer}`,
    `$JS.API.CONSUMER.INFO.${stream}.${consumer}`,
    `$JS.API.CONSUMER.DELETE.${stream}.${consumer}`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
    `$JS.ACK.${stream}.${consumer}.>`,
  ];
}

/** Everything on one stream and all its consumers: for the object store buckets their users share. */
function fullStreamApi(stream: string): string[] {
  return [
    ...streamRead(stream),
    `$JS.API.STREAM.CREATE.${stream}`,
    `$JS.API.STREAM.UPDATE.${stream}`,
    `$JS.API.CONSUMER.*.${stream}`,
    `$JS.API.CONSUMER.*.${stream}.>`,
    `$JS.API.CONSUMER.*.*.${stream}.>`,
    `$JS.ACK.${stream}.>`,
  ];
}

/** The services that read a producer's stream, by the catalogue. */
function readersOf(producer: ServiceName): Set<ServiceName> {
  const out = new Set<ServiceName>();
  for (const m of MESSAGE_CATALOGUE) if (m.kind !== 'request' && m.producer === producer) for (const c of m.consumers) out.add(c);
  return out;
}

/**
 * The NATS permissions of one service under a subject prefix (`VANGNET_SUBJECT_PREFIX`).
 *
 * JetStream: a service creates, updates and reads its own stream; on a stream it consumes it may
 * read the stream, create it if it does not exist yet (start order does not matter: the owner
 * brings the configuration up to date when it starts) and manage only its own consumer (named
 * after the service, messaging's `consumerName`). It may not update, purge or delete another's
 * stream, nor read, delete or ack through another service's consumer.
 */
export function natsPermissions(service: ServiceName, subjectPrefix = ''): NatsPermissions {
  const p = subjectPrefix;
  const sp = streamPrefix(subjectPrefix);
  const own = `${sp}${streamNameOf(service)}`;
  const publish = new Set<string>([`${p}${service}.>`, '$JS.API.INFO', '$JS.API.STREAM.NAMES', '$JS.API.STREAM.LIST', '$JS.FC.>']);
  const deny = new Set<string>();
  for (const api of [...streamRead(own), `$JS.API.STREAM.CREATE.${own}`, `$JS.API.STREAM.UPDATE.${own}`]) publish.add(api);
  const consumed = new Set<ServiceName>();
  for (const m of MESSAGE_CATALOGUE) {
    if (!m.consumers.includes(service)) continue;
    if (m.kind === 'request') publish.add(`${p}${m.subject}`);
    else consumed.add(m.producer);
  }
  for (const producer of consumed) {
    const stream = `${sp}${streamNameOf(producer)}`;
    for (const api of streamRead(stream)) publish.add(api);
    publish.add(`$JS.API.STREAM.CREATE.${stream}`);
    if (RUNTIME_NAMED_CONSUMERS.includes(service)) {
      for (const api of [`$JS.API.CONSUMER.*.${stream}.>`, `$JS.API.CONSUMER.*.*.${stream}.>`, `$JS.ACK.${stream}.>`]) publish.add(api);
      for (const other of readersOf(producer)) if (other !== service) for (const api of consumerApi(stream, other)) deny.add(api);
    } else {
      for (const api of consumerApi(stream, service)) publish.add(api);
    }
  }
  for (const [bucket, users] of Object.entries(BUCKET_USERS)) {
    if (!users.includes(service)) continue;
    const name = `${sp}${bucket}`;
    for (const api of fullStreamApi(`OBJ_${name}`)) publish.add(api);
    publish.add(`$JS.API.STREAM.PURGE.OBJ_${name}`);
    publish.add(`$O.${name}.>`);
  }
  return {
    publish: { allow: [...publish], ...(deny.size ? { deny: [...deny] } : {}) },
    subscribe: { allow: [`${p}${service}.>`, `${inboxPrefixOf(service)}.>`] },
    allow_responses: true,
  };
}

export interface NatsUser {
  user: string;
  password: string;
  /** Absent: every subject (the platform's operator, the launcher's demo loader, tests' probes). */
  permissions?: NatsPermissions;
}

/** A user per service with a fresh random password, plus an unrestricted operator user. */
export function natsUsers(subjectPrefix = '', services: readonly ServiceName[] = SERVICES): NatsUser[] {
  const password = () => randomBytes(18).toString('base64url');
  return [
    ...services.map((s) => ({ user: s, password: password(), permissions: natsPermissions(s, subjectPrefix) })),
    { user: 'vangnet-operator', password: password() },
  ];
}

/** The `authorization` block of a nats-server configuration file for these users. */
export function natsServerAuthorization(users: readonly NatsUser[]): string {
  const lines = users.map((u) => `    ${JSON.stringify({ user: u.user, password: u.password, ...(u.permissions ? { permissions: u.permissions } : {}) })}`);
  return `authorization {\n  users = [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/**
 * The service's NATS credentials from the environment: NATS_USER + NATS_PASSWORD, or a credentials
 * file (JWT + nkey: NATS_CREDS_FILE as the Helm chart sets it, or NATS_CREDS), and for a server
 * with TLS its CA (NATS_TLS_CA_FILE or NATS_TLS_CA) and a client certificate (NATS_TLS_CERT_FILE,
 * NATS_TLS_KEY_FILE). With none set the service connects without credentials (a local NATS
 * without users, like this machine's shared one).
 */
export function natsAuthFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ConnectionOptions> {
  const out: Partial<ConnectionOptions> = {};
  const creds = env.NATS_CREDS_FILE || env.NATS_CREDS;
  if (creds) out.authenticator = credsAuthenticator(readFileSync(creds));
  else if (env.NATS_USER) Object.assign(out, { user: env.NATS_USER, pass: env.NATS_PASSWORD ?? '' });
  const ca = env.NATS_TLS_CA_FILE || env.NATS_TLS_CA;
  if (ca || env.NATS_TLS_CERT_FILE) {
    out.tls = {
      ...(ca ? { caFile: ca } : {}),
      ...(env.NATS_TLS_CERT_FILE ? { certFile: env.NATS_TLS_CERT_FILE, keyFile: env.NATS_TLS_KEY_FILE } : {}),
    };
  }
  return out;
}
