// `npm run bench -- --only istandaarden`: a generated iWmo 323 of just under 25 MB (OP179's limit),
// parsed and validated at all four levels, against Debian's xmllint --schema and xsltproc on the
// same file as the floor. Prints MB/s, lines/s, the ratio and whether the target was met (speed is
// reported, not asserted: the exit code says only whether the bench could run).
// bench: no-infrastructure
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  MAX_FILE_BYTES,
  parseMessage,
  ParsedMessage,
  validateMessage,
  Wmo301Bericht,
  Wmo323Bericht,
  Wmo323Prestatie,
  writeMessage,
} from '../src';
import { resourcesDir } from '../src/resources';

const TARGET_SECONDS = 10;
const TARGET_RATIO = 3;
const NATIVE_TIMEOUT_S = Number(process.env.ISTD_NATIVE_TIMEOUT_S ?? 60);

function bsn(i: number): string {
  // Distinct nine-digit numbers that pass the eleven-proof: step the last digit until it does.
  const base = 100000000 + i * 10;
  for (let d = 0; d < 10; d++) {
    const s = String(base + d);
    let sum = 0;
    for (let k = 0; k < 8; k++) sum += Number(s[k]) * (9 - k);
    if ((sum - Number(s[8])) % 11 === 0) return s;
  }
  return bsn(i + 1_000_000);
}

function declaration(clients: number): { message: Wmo323Bericht; lines: number } {
  let total = 0;
  let lines = 0;
  const clienten = [];
  for (let c = 0; c < clients; c++) {
    const prestaties: Wmo323Prestatie[] = [];
    for (let p = 0; p < 3; p++) {
      const volume = 1 + ((c + p) % 20);
      total += volume * 1250;
      lines++;
      prestaties.push({
        productReferentie: { referentieNummer: `R${c}X${p}` },
        toewijzingNummer: 100000 + c * 3 + p,
        productCategorie: '02',
        productCode: '02A01',
        productPeriode: { begindatum: '2023-04-01', einddatum: '2023-04-30' },
        geleverdVolume: volume,
        eenheid: '04',
        productTarief: 1250,
        ingediendBedrag: { bedrag: volume * 1250, debetCredit: 'D' },
      });
    }
    clienten.push({ bsn: bsn(c), prestaties });
  }
  const message: Wmo323Bericht = {
    standard: 'iwmo',
    messageType: '323',
    header: {
      berichtCode: '484',
      berichtVersie: 3,
      berichtSubversie: 2,
      afzender: '65656055',
      ontvanger: '0384',
      berichtIdentificatie: { identificatie: 'BENCH323', dagtekening: '2023-05-06' },
      xsdVersie: { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' },
    },
    declaratie: {
      declaratieNummer: 'DNBENCH',
      declaratiePeriode: { begindatum: '2023-04-01', einddatum: '2023-04-30' },
      declaratieDagtekening: '2023-05-06',
      totaalIngediendBedrag: { totaalBedrag: total, debetCredit: 'D' },
      clienten,
    },
  };
  return { message, lines };
}

/** One 301 per client, so TR321/TR322 have assignments to check every line against. */
function history(message: Wmo323Bericht): ParsedMessage[] {
  return message.declaratie.clienten.map((c): Wmo301Bericht => ({
    standard: 'iwmo',
    messageType: '301',
    header: {
      berichtCode: '414',
      berichtVersie: 3,
      berichtSubversie: 2,
      afzender: '0384',
      ontvanger: '65656055',
      berichtIdentificatie: { identificatie: `T${c.bsn}`, dagtekening: '2023-01-01' },
      xsdVersie: { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' },
    },
    client: {
      bsn: c.bsn,
      geboortedatum: { datum: '1960-01-01' },
      geslacht: '1',
      naam: { geslachtsnaam: { achternaam: 'Bench' }, voorletters: 'B', naamGebruik: '1' },
      contactgegevens: [{ soort: '01', adres: { huis: { huisnummer: 1 }, postcode: '1000AA', landCode: 'NL' } }],
      toegewezenProducten: c.prestaties.map((p) => ({
        toewijzingNummer: p.toewijzingNummer,
        product: { categorie: '02', code: '02A01' },
        toewijzingsdatum: '2022-12-20',
        toewijzingstijd: '10:00:00',
        ingangsdatum: '2023-01-01',
        einddatum: '2023-12-31',
        omvang: { volume: 10, eenheid: '04', frequentie: '2' },
      })),
    },
  }));
}

function ensureNativeTools(): boolean {
  const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (have('xmllint') && have('xsltproc')) return true;
  const root = process.getuid?.() === 0;
  if (root && have('apt-get')) {
    console.log('installing libxml2-utils and xsltproc for the native floor …');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'libxml2-utils', 'xsltproc'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  return have('xmllint') && have('xsltproc');
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const v = fn();
  return [v, Number(process.hrtime.bigint() - t0) / 1e9];
}

function native(file: string): { xmllint: number; xsltproc?: number } {
  const xsd = join(resourcesDir(), 'iwmo-3.2', 'xsd', 'WMO323.xsd');
  const xsl = join(resourcesDir(), 'iwmo-3.2', 'xslt', 'TR-CD-CS_regels_WMO_3.2.xsl');
  const [, xmllint] = timed(() => execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'ignore' }));
  const [r, xsltproc] = timed(() => spawnSync('xsltproc', ['-o', '/dev/null', xsl, file], { timeout: NATIVE_TIMEOUT_S * 1000 }));
  return { xmllint, xsltproc: r.status === 0 ? xsltproc : undefined };
}

async function main(): Promise<void> {
  // Size the message to just under 25 MB from a small sample.
  const sample = Buffer.byteLength(writeMessage(declaration(100).message));
  const clients = Math.floor(((MAX_FILE_BYTES - 4096) / sample) * 100);
  const { message, lines } = declaration(clients);
  const xml = writeMessage(message);
  const bytes = Buffer.byteLength(xml);
  const mb = bytes / 1024 / 1024;
  const messages = history(message);
  console.log(`iWmo 323: ${clients} clients, ${lines} lines, ${mb.toFixed(2)} MB`);

  // Warm-up on a small message (loads the schemas and compiles the stylesheet once).
  await validateMessage(writeMessage(declaration(10).message));
  const [, parseSeconds] = timed(() => parseMessage(xml));
  const t0 = process.hrtime.bigint();
  const report = await validateMessage(Buffer.from(xml), { history: { messages }, externalChecks: [() => []] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const findings = Object.values(report.levels).reduce((n, l) => n + l.length, 0);
  console.log(`parse only (typed objects):      ${parseSeconds.toFixed(2)} s  ${(mb / parseSeconds).toFixed(1)} MB/s  ${Math.round(lines / parseSeconds)} lines/s`);
  console.log(`validateMessage, all 4 levels:   ${seconds.toFixed(2)} s  ${(mb / seconds).toFixed(1)} MB/s  ${Math.round(lines / seconds)} lines/s  (${findings} findings)`);
  console.log(`  steps (ms): ${JSON.stringify(report.timings)}`);
  if (findings) console.log(JSON.stringify(Object.values(report.levels).flat().slice(0, 5), null, 1));

  let ok = seconds < TARGET_SECONDS && findings === 0;
  if (ensureNativeTools()) {
    const dir = mkdtempSync(join(tmpdir(), 'istd-bench-'));
    try {
      // On 1 MB the native tools finish, so the ratio is measured there as well.
      const small = writeMessage(declaration(Math.round(clients / 25)).message);
      const smallFile = join(dir, 'WMO323-1MB.xml');
      writeFileSync(smallFile, small);
      const t1 = process.hrtime.bigint();
      await validateMessage(small, { history: { messages } });
      const ours1 = Number(process.hrtime.bigint() - t1) / 1e9;
      const n1 = native(smallFile);
      if (n1.xsltproc !== undefined) {
        const floor1 = n1.xmllint + n1.xsltproc;
        console.log(`1 MB: library ${ours1.toFixed(2)} s, xmllint + xsltproc ${floor1.toFixed(2)} s, ratio ${(ours1 / floor1).toFixed(2)}`);
      }
      const file = join(dir, 'WMO323.xml');
      writeFileSync(file, xml);
      const n = native(file);
      console.log(`native xmllint --schema:          ${n.xmllint.toFixed(2)} s  ${(mb / n.xmllint).toFixed(1)} MB/s`);
      if (n.xsltproc === undefined) {
        console.log(`native xsltproc (rule stylesheet): did not finish within ${NATIVE_TIMEOUT_S} s (the stylesheet's sibling scans are quadratic in libxslt)`);
        console.log(`ratio library / native floor:      < ${(seconds / (n.xmllint + NATIVE_TIMEOUT_S)).toFixed(3)} (target ≤ ${TARGET_RATIO})`);
      } else {
        const floor = n.xmllint + n.xsltproc;
        console.log(`native xsltproc (rule stylesheet): ${n.xsltproc.toFixed(2)} s  ${(mb / n.xsltproc).toFixed(1)} MB/s`);
        console.log(`ratio library / native floor:      ${(seconds / floor).toFixed(2)} (target ≤ ${TARGET_RATIO})`);
        ok = ok && seconds / floor <= TARGET_RATIO;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    console.log('native floor: not measured (xmllint/xsltproc missing and not installable here)');
  }
  console.log(ok ? `ok: within ${TARGET_SECONDS} s` : `MISSED: target is < ${TARGET_SECONDS} s with no findings and ≤ ${TARGET_RATIO}× the native tools`);
  process.exitCode = 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
