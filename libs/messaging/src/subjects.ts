import { ServiceName, streamFilterOf, streamNameOf, streamSubjectsOf } from '@vangnet/contracts';

/**
 * VANGNET_SUBJECT_PREFIX (e.g. `t1a2.`) isolates deployments and test runs on one NATS server:
 * subjects become `t1a2.access.…`, streams `T1A2_ACCESS`. Read at call time, so a test can set it
 * before it starts its apps.
 */
export function subjectPrefix(): string {
  const raw = process.env.VANGNET_SUBJECT_PREFIX ?? '';
  if (raw && !/^[a-z0-9]+(\.[a-z0-9]+)*\.$/.test(raw)) {
    throw new Error(`VANGNET_SUBJECT_PREFIX must be lowercase tokens ending in a dot, e.g. "t1a2.", not "${raw}"`);
  }
  return raw;
}

export function prefixed(subject: string): string {
  return `${subjectPrefix()}${subject}`;
}

export function unprefixed(subject: string): string {
  const prefix = subjectPrefix();
  return prefix && subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;
}

export function streamName(service: ServiceName): string {
  const prefix = subjectPrefix().replace(/\./g, '_').toUpperCase();
  return `${prefix}${streamNameOf(service)}`;
}

/** The subjects the service's stream captures (its events, one per version token). */
export function streamSubjects(service: ServiceName): string[] {
  return streamSubjectsOf(service).map(prefixed);
}

/** One consumer filter covering every event of the service's stream. */
export function streamSubject(service: ServiceName): string {
  return prefixed(streamFilterOf(service));
}
