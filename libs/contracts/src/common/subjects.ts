import { ServiceName } from './envelope';

/**
 * Subject naming (ARCHITECTURE §2):
 * - requests `<service>.<noun>.<verb>`: exactly three tokens;
 * - events `<service>.<aggregate>.<past-tense>.v<N>`: exactly four tokens.
 * The token count keeps requests out of the event streams, which capture `<service>.*.*.*`.
 */
const REQUEST_SUBJECT = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/;
const EVENT_SUBJECT = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v[1-9][0-9]*$/;

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
export function streamSubjectOf(service: ServiceName): string {
  return `${service}.*.*.*`;
}
