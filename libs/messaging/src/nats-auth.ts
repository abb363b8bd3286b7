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
  publish: { allow: string[] };
  subscribe: { allow: string[] };
}

function streamPrefix(subjectPrefix: string): string {
  return subjectPrefix.replace(/\./g, '_').toUpperCase();
}

/** The JetStream API subjects that manage and read one stream (and its consumers). */
function streamApi(stream: string): string[] {
  return [
    `$JS.API.STREAM.INFO.${stream}`,
    `$JS.API.STREAM.CREATE.${stream}`,
    `$JS.API.STREAM.UPDATE.${stream}`,
    `$JS.API.STREAM.MSG.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}.>`,
    `$JS.API.CONSUMER.*.${stream}`,
    `$JS.API.CONSUMER.*.${stream}.>`,
    `$JS.API.CONSUMER.*.*.${stream}.>`,
    `$JS.ACK.${stream}.>`,
  ];
}

/** The NATS permissions of one service under a subject prefix (`VANGNET_SUBJECT_PREFIX`). */
export function natsPermissions(service: ServiceName, subjectPrefix = ''): NatsPermissions {
  const p = subjectPrefix;
  const sp = streamPrefix(subjectPrefix);
  const streams = new Set<string>([`${sp}${streamNameOf(service)}`]);
  const publish = new Set<string>([`${p}${service}.>`, '_INBOX.>', '$JS.API.INFO', '$JS.API.STREAM.NAMES', '$JS.API.STREAM.LIST', '$JS.FC.>']);
  for (const m of MESSAGE_CATALOGUE) {
    if (!m.consumers.includes(service)) continue;
    if (m.kind === 'request') publish.add(`${p}${m.subject}`);
    else streams.add(`${sp}${streamNameOf(m.producer)}`);
  }
  for (const s of streams) for (const api of streamApi(s)) publish.add(api);
  for (const [bucket, users] of Object.entries(BUCKET_USERS)) {
    if (!users.includes(service)) continue;
    const name = `${sp}${bucket}`;
    for (const api of streamApi(`OBJ_${name}`)) publish.add(api);
    publish.add(`$JS.API.STREAM.PURGE.OBJ_${name}`);
    publish.add(`$O.${name}.>`);
  }
  return { publish: { allow: [...publish] }, subscribe: { allow: [`${p}${service}.>`, '_INBOX.>'] } };
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
