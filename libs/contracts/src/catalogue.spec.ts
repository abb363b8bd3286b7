import { EVENT_CATALOGUE, MESSAGE_CATALOGUE, REQUEST_CATALOGUE } from './catalogue';
import { SERVICES } from './common/envelope';
import { isEventSubject, isRequestSubject, serviceOfSubject, streamSubjectsOf } from './common/subjects';
import * as contracts from './index';

describe('message catalogue', () => {
  it.each(EVENT_CATALOGUE.map((e) => e.subject))('event %s should have four tokens ending in a version', (s) => {
    expect(isEventSubject(s)).toBe(true);
    expect(isRequestSubject(s)).toBe(false);
  });

  it.each(REQUEST_CATALOGUE.map((r) => r.subject))('request %s should end in a verb, not a version', (s) => {
    expect(isRequestSubject(s)).toBe(true);
    expect(isEventSubject(s)).toBe(false);
  });

  // NATS matching: `*` is one whole token. A request captured by a stream would be stored and
  // answered with a JetStream PubAck instead of by its responder.
  const natsMatches = (pattern: string, subject: string): boolean => {
    const p = pattern.split('.');
    const t = subject.split('.');
    return p.length === t.length && p.every((token, i) => token === '*' || token === t[i]);
  };

  it.each(REQUEST_CATALOGUE.map((r) => r.subject))('request %s should not be captured by any stream', (s) => {
    expect(streamSubjectsOf(serviceOfSubject(s)).filter((p) => natsMatches(p, s))).toEqual([]);
  });

  it.each(EVENT_CATALOGUE.map((e) => e.subject))('event %s should be captured by its producer\'s stream', (s) => {
    expect(streamSubjectsOf(serviceOfSubject(s)).filter((p) => natsMatches(p, s))).toHaveLength(1);
  });

  it('should define each subject once', () => {
    const subjects = MESSAGE_CATALOGUE.map((d) => d.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it.each(MESSAGE_CATALOGUE.map((d) => [d.subject, d] as const))('%s should name its producer and known consumers', (subject, d) => {
    expect(d.producer).toBe(serviceOfSubject(subject));
    expect(SERVICES).toContain(d.producer);
    for (const c of d.consumers) expect(SERVICES).toContain(c);
    expect(d.consumers).not.toContain(d.producer);
    expect(new Set(d.consumers).size).toBe(d.consumers.length);
    expect(d.description.length).toBeGreaterThan(10);
  });

  it('should list every subject constant that libs/contracts exports', () => {
    const exported = (Object.values(contracts) as unknown[]).filter((v): v is string => typeof v === 'string' && (isEventSubject(v) || isRequestSubject(v)));
    expect(exported.length).toBeGreaterThan(40);
    expect(exported.filter((s) => !MESSAGE_CATALOGUE.some((d) => d.subject === s))).toEqual([]);
  });

  it('should give every version of a subject its own class', () => {
    const classes = EVENT_CATALOGUE.map((e) => e.payload);
    expect(new Set(classes).size).toBe(classes.length);
  });
});
