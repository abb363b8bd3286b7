import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

// The shipped examples (../shared/istandaarden, copied here) and what SOURCES.md says each gives.
export interface Example {
  name: string;
  file: string;
  xsdValid: boolean;
  /** Rule codes the stylesheet reports; empty when it finds nothing. */
  stylesheet: string[];
}

const dir = join(__dirname, 'examples');

const KNOWN_BAD: Record<string, { xsdValid?: false; stylesheet?: string[] }> = {
  'iwmo-3.2/WMO317.xml': { stylesheet: ['TR380'] },
  'ijw-3.2/JW315.xml': { xsdValid: false },
  'ijw-3.2/JW317.xml': { stylesheet: ['CS003'] },
  'ijw-3.2/JW318.xml': { xsdValid: false },
  'ijw-3.2/JW323.xml': { stylesheet: ['TR101'] },
};

export const EXAMPLES: Example[] = ['iwmo-3.2', 'ijw-3.2', 'ijw-3.2/variants'].flatMap((sub) =>
  readdirSync(join(dir, sub))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => {
      const name = `${sub.replace('/variants', '')}/${sub.endsWith('variants') ? 'variants/' : ''}${f}`;
      const bad = KNOWN_BAD[name] ?? {};
      return { name, file: join(dir, sub, f), xsdValid: bad.xsdValid ?? true, stylesheet: bad.stylesheet ?? [] };
    }),
);

export const readExample = (name: string): Buffer => {
  const ex = EXAMPLES.find((e) => e.name === name);
  if (!ex) throw new Error(`no example ${name}`);
  return readFileSync(ex.file);
};
