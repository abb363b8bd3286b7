import { ServiceName } from './envelope';

/**
 * Subject naming (ARCHITECTURE §2):
 * - requests `<service>.<noun>.<verb>` (three tokens; `access.person.identity.get` has a
 *   two-token noun): the last token is a verb;
 * - events `<service>.<aggregate>.<past-tense>.v<N>`: exactly four tokens, the last `v1`…`v9`.
 * The version token keeps requests out of the event streams, which capture `<service>.*.*.v<N>`
 * (NATS wildcards match whole tokens, so each version is listed: STREAM_VERSIONS).
 */
const TOKEN = '[a-z]+(-[a-z]+)*';
const REQUEST_SUBJECT = new RegExp(`^${TOKEN}\\.${TOKEN}(\\.${TOKEN})?\\.(?!v[0-9]+$)${TOKEN}$`);
const EVENT_SUBJECT = new RegExp(`^${TOKEN}\\.${TOKEN}\\.${TOKEN}\\.v[1-9]$`);

/** Event versions a stream captures; a tenth version of one event means extending this. */
export const STREAM_VERSIONS = 9;

export function isRequestSubject(subject: string): boolean {
  return REQUEST_SUBJECT.test(subject);
}

export function isEventSubject(subject: string): boolean {
  return EVENT_SUBJECT.test(subject);
}

/** The producing service of a subject (its first token). */
export function serviceOfSubject(subject: string): ServiceName {
  return subject.split('.')[0] as ServiceName;
}

/** One stream per producing service: `ACCESS`, `CARE_PLANS`, … */
export function streamNameOf(service: ServiceName): string {
  return service.toUpperCase().replace(/-/g, '_');
}

/** The subjects a service's stream captures: its events, never its requests. */
export function streamSubjectsOf(service: ServiceName): string[] {
  return Array.from({ length: STREAM_VERSIONS }, (_, i) => `${service}.*.*.v${i + 1}`);
}

/** One filter that covers every event of a service's stream (a consumer takes one filter on nats-server 2.9). */
export function streamFilterOf(service: ServiceName): string {
  return `${service}.*.*.*`;
}
