import { parseMessage } from '@vangnet/istandaarden';
import { readFileSync } from 'fs';
import { join } from 'path';
import { financeFindings, linePathsByReference } from './declarations.rules';

const example323 = () => parseMessage(readFileSync(join(__dirname, '../../../../libs/istandaarden/src/testdata/examples/iwmo-3.2/WMO323.xml')));

describe('declaration rules', () => {
  it('should find every line of the 323 by its reference', () => {
    const msg = example323();
    if (msg.messageType !== '323') throw new Error('not a 323');
    const count = msg.declaratie.clienten.reduce((n, c) => n + c.prestaties.length, 0);
    const paths = linePathsByReference(msg);
    expect(paths.size).toBe(count);
    expect([...paths.values()].every((p) => p.startsWith('/Bericht/Declaratie/Clienten/'))).toBe(true);
  });

  it('should turn finance’s rejected line into one finding per code on that line', () => {
    const msg = example323();
    const [reference, path] = [...linePathsByReference(msg).entries()][0];
    expect(financeFindings(msg, [{ reference, retourCodes: ['9321', '0611'] }])).toEqual([
      expect.objectContaining({ retourCode: '9321', path }),
      expect.objectContaining({ retourCode: '0611', path }),
    ]);
  });

  it('should put a whole refusal on the declaration and refuse a reference the 323 lacks', () => {
    const msg = example323();
    expect(financeFindings(msg, [], ['9333'])).toEqual([expect.objectContaining({ retourCode: '9333', path: '/Bericht/Declaratie' })]);
    expect(() => financeFindings(msg, [{ reference: 'NOPE-0001', retourCodes: ['9321'] }])).toThrow('NOPE-0001');
  });
});
