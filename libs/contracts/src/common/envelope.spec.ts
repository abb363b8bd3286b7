import { validatePayload } from './validation';
import { envelopeProblems, EventEnvelope } from './envelope';

const good = {
  id: '0b7c6f0e-3f7e-4d3c-9f3e-2a1b0c9d8e7f',
  type: 'access.provision.granted.v1',
  source: 'urn:vangnet:access',
  time: '2026-11-23T10:00:00.000Z',
  municipality: 'GM0546',
  correlationId: 'c-1',
  data: {},
};

describe(envelopeProblems.name, () => {
  it('should accept what the envelope class accepts', () => {
    for (const e of [good, { ...good, municipality: null }, { ...good, causationId: 'x' }]) {
      expect(envelopeProblems(e)).toEqual([]);
      expect(validatePayload(EventEnvelope, e).ok).toBe(true);
    }
  });

  it.each([
    ['id', { ...good, id: 'nope' }],
    ['source', { ...good, source: 'access' }],
    ['time', { ...good, time: 'yesterday' }],
    ['municipality', { ...good, municipality: '0546' }],
    ['correlationId', { ...good, correlationId: 7 }],
    ['data', (({ data: _d, ...rest }) => rest)(good)],
  ])('should refuse a bad %s, as the envelope class does', (name, e) => {
    expect(envelopeProblems(e).map((p) => p.name)).toEqual([name]);
    expect(validatePayload(EventEnvelope, e).ok).toBe(name === 'data'); // the class allows a missing data
  });
});
