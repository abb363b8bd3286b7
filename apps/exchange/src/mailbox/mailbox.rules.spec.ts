import { cleanLines, linesHitBy, prestatiePath } from './mailbox.rules';

describe('mailbox rules', () => {
  it('should reject only the line a finding names (TR342)', () => {
    expect(linesHitBy({ path: '/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]/IngediendBedrag' }, [1, 4])).toEqual(new Set(['1:2']));
    expect(linesHitBy({ path: '/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie' }, [1])).toEqual(new Set(['0:0']));
  });

  it('should reject every line of a client when the finding names the client', () => {
    expect(linesHitBy({ path: '/Bericht/Declaratie/Clienten/Client[2]/Bsn' }, [1, 3])).toEqual(new Set(['1:0', '1:1', '1:2']));
  });

  it('should reject the whole declaration for a finding on the header or the declaration', () => {
    expect(linesHitBy({ path: '/Bericht/Header/Afzender' }, [1])).toBe('ALL');
    expect(cleanLines([{ code: 'TR346', path: '/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[1]' }, { code: 'TR318', path: '/Bericht/Declaratie/DeclaratiePeriode' }], [2])).toEqual({ whole: true, rejected: new Set(['0:0']) });
  });

  it('should reject only the repeat of a duplicate line (TR416), not the original', () => {
    const dup = { code: 'TR416', path: '/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[1]', paths: ['/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[1]', '/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[3]'] };
    expect(cleanLines([dup], [3])).toEqual({ whole: false, rejected: new Set(['0:2']) });
  });

  it('should write a line path with an index only where the class repeats', () => {
    expect(prestatiePath(0, 1, 0, 1)).toBe('/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie');
    expect(prestatiePath(1, 2, 0, 3)).toBe('/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[1]');
  });
});
