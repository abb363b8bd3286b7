import { EVENT_CATALOGUE, REQUEST_CATALOGUE } from './catalogue';
import { isEventSubject, isRequestSubject } from './common/subjects';

describe('message catalogue', () => {
  it.each(EVENT_CATALOGUE.map((e) => e.subject))('event %s should have four tokens ending in a version', (s) => {
    expect(isEventSubject(s)).toBe(true);
    expect(isRequestSubject(s)).toBe(false);
  });

  it.each(REQUEST_CATALOGUE.map((r) => r.subject))('request %s should have three tokens', (s) => {
    expect(isRequestSubject(s)).toBe(true);
    expect(isEventSubject(s)).toBe(false);
  });

  it('should define each subject once', () => {
    const subjects = [...EVENT_CATALOGUE, ...REQUEST_CATALOGUE].map((d) => d.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});
