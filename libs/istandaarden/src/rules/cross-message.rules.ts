import {
  amountFor,
  daysInMonth,
  inclusiveDays,
  isRetourCode,
  maxDate,
  minDate,
  MINUTES_PER_UNIT,
  RetourCode,
  unitFromIstandaard,
} from '@vangnet/contracts';
import { IJW_KEYS, IJW_RULES, IWMO_KEYS, IWMO_RULES } from '../generated/rules.generated';
import { SCHEMAS } from '../message/message-registry';
import type { ParsedMessage } from '../message/parse-message';
import type { ComplexTypeDef, Standard } from '../schema/schema-model';
import type { Finding } from '../validation/finding';

// The rules that need more than one message, as pure functions: a message and what came before
// (earlier messages of the same exchange) in, findings with the rule report's retour code out.

export interface MessageHistory {
  /** Messages exchanged earlier in this relation (301s, 323s, 325s, …), in any order. */
  messages: readonly ParsedMessage[];
}

export interface CrossMessageOptions {
  /**
   * TR346: whether a line in minutes is priced against an hour tariff (the contract knows, the
   * message does not). Then the amount is tariff × minutes ÷ 60, rounded half up.
   */
  minutesAgainstHourTariff?: (line: DeclarationLine) => boolean;
}

const RULES = { iwmo: IWMO_RULES, ijw: IJW_RULES };
const KEYS = { iwmo: IWMO_KEYS, ijw: IJW_KEYS };

/** The retour code the rule report gives a rule (read from regels/*.csv by the generator). */
export function retourCodeOf(standard: Standard, rule: string): RetourCode {
  const code = RULES[standard][rule]?.retourCode;
  if (!code || !isRetourCode(code)) throw new Error(`${standard} rule ${rule} has no retour code in the rule report`);
  return code;
}

function finding(standard: Standard, code: string, paths: string[], message: string): Finding {
  return {
    level: 'crossMessage',
    code,
    retourCode: retourCodeOf(standard, code),
    path: paths[0],
    ...(paths.length > 1 ? { paths } : {}),
    message,
  };
}

const seg = (name: string, i: number, count: number) => (count > 1 ? `${name}[${i + 1}]` : name);

// ---------- TR101: no duplicate lines ----------

/** TR101: per class, the logical key (with its parents') is unique within the message. */
export function checkNoDuplicateLines(message: ParsedMessage): Finding[] {
  const schema = SCHEMAS[message.standard];
  const def = schema.messages.find((m) => m.messageType === message.messageType);
  if (!def) return [];
  const keyTable = KEYS[message.standard];
  const retourOf: Record<string, string> = { '302': '301', '306': '305', '308': '307', '316': '315', '318': '317', '320': '319' };
  const keys = keyTable[retourOf[message.messageType] ?? message.messageType] ?? {};
  const out: Finding[] = [];
  const walk = (obj: Record<string, unknown>, typeKey: string, path: string) => {
    const type = schema.types[typeKey] as ComplexTypeDef;
    for (const f of type.fields) {
      const v = obj[f.prop];
      if (v === undefined) continue;
      const itemType = f.wrap ? f.wrap.type : f.type;
      if (schema.types[itemType].kind !== 'complex') continue;
      const className = f.wrap ? f.wrap.xml : f.xml;
      const items = (Array.isArray(v) ? v : [v]) as Record<string, unknown>[];
      const base = f.wrap ? `${path}/${f.xml}` : path;
      const paths = items.map((_, i) => `${base}/${seg(className, i, items.length)}`);
      const classKeys = keys[className];
      if (classKeys && items.length > 1) {
        const itemDef = schema.types[itemType] as ComplexTypeDef;
        const props = classKeys.map((k) => itemDef.fields.find((x) => x.xml === k)?.prop ?? k);
        const seen = new Map<string, number>();
        items.forEach((item, i) => {
          const key = JSON.stringify(props.map((p) => item[p] ?? null));
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else out.push(finding(message.standard, 'TR101', [paths[first], paths[i]], `${className} ${classKeys.join('+')} komt dubbel voor in het bericht.`));
        });
      }
      items.forEach((item, i) => walk(item, itemType, paths[i]));
    }
  };
  walk(message as unknown as Record<string, unknown>, def.root, '/Bericht');
  return out;
}

// ---------- TR302: no overlapping periods for the same product in a 301 ----------

const HULPMIDDELEN = ['11', '12', '13', '14'];

/** TR302: a product occurs more than once in a 301 only with periods that do not overlap. */
export function checkNoOverlappingAssignments(message: ParsedMessage): Finding[] {
  if (message.messageType !== '301') return [];
  const products = message.client.toegewezenProducten;
  // Deleted assignments (end = start, reason 13 or 01) are no longer current: they do not stack.
  const current = products
    .map((p, i) => ({ p, path: `/Bericht/Client/ToegewezenProducten/${seg('ToegewezenProduct', i, products.length)}` }))
    .filter(({ p }) => !(p.einddatum === p.ingangsdatum && (p.redenWijziging === '13' || p.redenWijziging === '01')));
  const out: Finding[] = [];
  for (let i = 0; i < current.length; i++) {
    for (let j = i + 1; j < current.length; j++) {
      const a = current[i].p;
      const b = current[j].p;
      const ca = a.product?.categorie;
      const cb = b.product?.categorie;
      if (message.standard === 'iwmo' && ((ca && HULPMIDDELEN.includes(ca)) || (cb && HULPMIDDELEN.includes(cb)))) {
        // Aids may stack; an assignment without category may stack only with aids.
        if (!(ca === undefined || cb === undefined) || HULPMIDDELEN.includes(ca ?? cb ?? '')) continue;
      }
      const sameProduct =
        ca === undefined || cb === undefined || (ca === cb && (a.product?.code === undefined || b.product?.code === undefined || a.product.code === b.product.code));
      const overlap = a.ingangsdatum <= (b.einddatum ?? '9999-12-31') && b.ingangsdatum <= (a.einddatum ?? '9999-12-31');
      if (sameProduct && overlap) {
        out.push(
          finding(message.standard, 'TR302', [current[i].path, current[j].path], `Toewijzing ${a.toewijzingNummer} en ${b.toewijzingNummer} overlappen voor hetzelfde product.`),
        );
      }
    }
  }
  return out;
}

// ---------- declarations (323) against what came before ----------

/** A declaration line with what identifies it, flattened from a 323 (or 325). */
export interface DeclarationLine {
  standard: Standard;
  bsn: string;
  referentieNummer: string;
  vorigReferentieNummer?: string;
  toewijzingNummer: number;
  productCategorie: string;
  productCode?: string;
  begindatum: string;
  einddatum: string;
  geleverdVolume: number;
  eenheid: string;
  productTarief?: number;
  bedrag: number;
  debetCredit: 'D' | 'C';
  path: string;
}

export function declarationLines(message: ParsedMessage): DeclarationLine[] {
  if (message.messageType !== '323' && message.messageType !== '325') return [];
  const body = message.messageType === '323' ? message.declaratie : message.declaratieAntwoord;
  const root = message.messageType === '323' ? '/Bericht/Declaratie' : '/Bericht/DeclaratieAntwoord';
  const clients = body?.clienten ?? [];
  return clients.flatMap((c, ci) =>
    c.prestaties.map((p, pi) => ({
      standard: message.standard,
      bsn: c.bsn,
      referentieNummer: p.productReferentie.referentieNummer,
      vorigReferentieNummer: p.productReferentie.vorigReferentieNummer,
      toewijzingNummer: p.toewijzingNummer,
      productCategorie: p.productCategorie,
      productCode: p.productCode,
      begindatum: p.productPeriode.begindatum,
      einddatum: p.productPeriode.einddatum,
      geleverdVolume: p.geleverdVolume,
      eenheid: p.eenheid,
      productTarief: p.productTarief,
      bedrag: p.ingediendBedrag.bedrag,
      debetCredit: p.ingediendBedrag.debetCredit,
      path: `${root}/Clienten/${seg('Client', ci, clients.length)}/Prestaties/${seg('Prestatie', pi, c.prestaties.length)}`,
    })),
  );
}

type Status = 'approved' | 'rejected' | 'pending';

/** Earlier declaration lines with their outcome: rejected if a 325 lists them, approved if a 325 for their declaration does not. */
export function earlierLines(history: MessageHistory): (DeclarationLine & { status: Status; declaratieIdentificatie: string })[] {
  const answers = history.messages.filter((m): m is Extract<ParsedMessage, { messageType: '325' }> => m.messageType === '325');
  return history.messages.flatMap((m) => {
    if (m.messageType !== '323') return [];
    const id = m.header.berichtIdentificatie.identificatie;
    const answer = answers.find(
      (a) => a.header.declaratieIdentificatie.identificatie === id && a.header.declaratieIdentificatie.dagtekening === m.header.berichtIdentificatie.dagtekening,
    );
    const rejectedRefs = new Set(answer ? declarationLines(answer).map((l) => l.referentieNummer) : []);
    const wholeRejected = answer?.declaratieAntwoord?.retourCodes.some((c) => c !== '0200' && c !== '8001') ?? false;
    return declarationLines(m).map((l) => ({
      ...l,
      declaratieIdentificatie: id,
      status: (!answer ? 'pending' : wholeRejected || rejectedRefs.has(l.referentieNummer) ? 'rejected' : 'approved') as Status,
    }));
  });
}

type Assignment = Extract<ParsedMessage, { messageType: '301' }>['client']['toegewezenProducten'][number] & { bsn: string };

/** The latest version of every assignment the earlier 301s carried, by ToewijzingNummer. */
const ASSIGNMENTS = new WeakMap<MessageHistory, Map<number, Assignment>>();

export function knownAssignments(history: MessageHistory): Map<number, Assignment> {
  // Several rules ask for the same history in one validation: build it once per history object.
  let known = ASSIGNMENTS.get(history);
  if (!known) ASSIGNMENTS.set(history, (known = buildAssignments(history)));
  return known;
}

function buildAssignments(history: MessageHistory): Map<number, Assignment> {
  const out = new Map<number, Assignment & { stamp: string }>();
  for (const m of history.messages) {
    if (m.messageType !== '301') continue;
    for (const p of m.client.toegewezenProducten) {
      const stamp = `${p.toewijzingsdatum}T${p.toewijzingstijd}|${m.header.berichtIdentificatie.dagtekening}`;
      const prev = out.get(p.toewijzingNummer);
      if (!prev || prev.stamp <= stamp) out.set(p.toewijzingNummer, { ...p, bsn: m.client.bsn, stamp });
    }
  }
  return out;
}

const isMonth = (begin: string, end: string) =>
  begin.endsWith('-01') && begin.slice(0, 7) === end.slice(0, 7) && Number(end.slice(8)) === daysInMonth(Number(end.slice(0, 4)), Number(end.slice(5, 7)));

/**
 * TR318: the declaration period is a calendar month, and it follows the previous one; a gap is
 * allowed (months without care need no declaration), going back or repeating is not.
 */
export function checkDeclarationPeriod(message: ParsedMessage, history: MessageHistory): Finding[] {
  if (message.messageType !== '323') return [];
  const { begindatum, einddatum } = message.declaratie.declaratiePeriode;
  const path = '/Bericht/Declaratie/DeclaratiePeriode';
  if (!isMonth(begindatum, einddatum)) {
    return [finding(message.standard, 'TR318', [path], `DeclaratiePeriode ${begindatum}–${einddatum} is geen kalendermaand.`)];
  }
  const previous = history.messages
    .filter((m): m is Extract<ParsedMessage, { messageType: '323' }> => m.messageType === '323')
    .filter((m) => m.header.afzender === message.header.afzender && m.header.ontvanger === message.header.ontvanger)
    .filter((m) => m.header.berichtIdentificatie.identificatie !== message.header.berichtIdentificatie.identificatie)
    .map((m) => m.declaratie.declaratiePeriode.begindatum)
    .sort();
  const last = previous[previous.length - 1];
  if (last && begindatum <= last) {
    return [finding(message.standard, 'TR318', [path], `DeclaratiePeriode ${begindatum} volgt niet op de vorige DeclaratiePeriode (${last}).`)];
  }
  return [];
}

/** TR319: each product period lies within one declaration period: the current one or an earlier one. */
export function checkProductPeriods(message: ParsedMessage): Finding[] {
  if (message.messageType !== '323') return [];
  const current = message.declaratie.declaratiePeriode;
  return declarationLines(message)
    .filter((l) => l.begindatum.slice(0, 7) !== l.einddatum.slice(0, 7) || l.einddatum > current.einddatum)
    .map((l) =>
      finding(message.standard, 'TR319', [`${l.path}/ProductPeriode`], `ProductPeriode ${l.begindatum}–${l.einddatum} valt niet binnen de huidige of een voorgaande DeclaratiePeriode.`),
    );
}

// Volumes compared in a common unit: minutes for time units, else the unit itself.
function inUnit(volume: number, from: string, to: string): number | undefined {
  if (from === to) return volume;
  try {
    const a = MINUTES_PER_UNIT[unitFromIstandaard(from).unit];
    const b = MINUTES_PER_UNIT[unitFromIstandaard(to).unit];
    return a && b ? (volume * a) / b : undefined;
  } catch {
    return undefined;
  }
}

/** Most volume an assignment allows over [begin, end] (both inclusive), in its own unit; undefined when it has no Omvang. */
function allowedVolume(a: Assignment, begin: string, end: string, perLine: boolean, standard: Standard): number | undefined {
  if (!a.omvang) return undefined;
  const from = maxDate(begin, a.ingangsdatum);
  const to = a.einddatum ? minDate(end, a.einddatum) : end;
  if (to < from) return 0;
  const days = inclusiveDays(from, to);
  const { volume, frequentie } = a.omvang;
  switch (frequentie) {
    case '1':
      return volume * days;
    case '2':
      // Household help per week may be delivered up to 6× the weekly volume in one month (IV077).
      if (perLine && standard === 'iwmo' && a.product?.categorie === '01') return volume * 6;
      return (volume * days) / 7;
    case '4': {
      const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
      return volume * months;
    }
    default:
      return volume;
  }
}

/** TR321: a line's delivered volume fits the assigned volume for its period and frequency. */
export function checkVolumePerLine(message: ParsedMessage, history: MessageHistory): Finding[] {
  const assignments = knownAssignments(history);
  return declarationLines(message)
    .filter((l) => l.debetCredit === 'D')
    .flatMap((l) => {
      const a = assignments.get(l.toewijzingNummer);
      if (!a?.omvang) return [];
      const delivered = inUnit(l.geleverdVolume, l.eenheid, a.omvang.eenheid);
      const allowed = allowedVolume(a, l.begindatum, l.einddatum, true, message.standard);
      if (delivered === undefined || allowed === undefined || delivered <= allowed + 1e-9) return [];
      return [finding(message.standard, 'TR321', [`${l.path}/GeleverdVolume`], `GeleverdVolume ${l.geleverdVolume} past niet binnen de toegewezen omvang van toewijzing ${l.toewijzingNummer}.`)];
    });
}

/** TR322: all lines declared on an assignment together fit its volume over its whole period. */
export function checkVolumeCumulative(message: ParsedMessage, history: MessageHistory): Finding[] {
  const assignments = knownAssignments(history);
  const lines = declarationLines(message);
  const earlier = earlierLines(history);
  const credited = new Set([...earlier, ...lines].filter((l) => l.debetCredit === 'C' && l.vorigReferentieNummer).map((l) => l.vorigReferentieNummer));
  const counted = earlier.filter((l) => l.debetCredit === 'D' && l.status !== 'rejected' && !credited.has(l.referentieNummer));
  const out: Finding[] = [];
  const totals = new Map<number, number>();
  for (const l of counted) {
    const a = assignments.get(l.toewijzingNummer);
    const v = a?.omvang ? inUnit(l.geleverdVolume, l.eenheid, a.omvang.eenheid) : undefined;
    if (v !== undefined) totals.set(l.toewijzingNummer, (totals.get(l.toewijzingNummer) ?? 0) + v);
  }
  for (const l of lines) {
    if (l.debetCredit !== 'D') continue;
    const a = assignments.get(l.toewijzingNummer);
    if (!a?.omvang) continue;
    const v = inUnit(l.geleverdVolume, l.eenheid, a.omvang.eenheid);
    if (v === undefined) continue;
    const total = (totals.get(l.toewijzingNummer) ?? 0) + v;
    totals.set(l.toewijzingNummer, total);
    // An open-ended assignment is bounded by what has been declared up to this line's period.
    const allowed = allowedVolume(a, a.ingangsdatum, a.einddatum ?? l.einddatum, false, message.standard);
    if (allowed !== undefined && total > allowed + 1e-9) {
      out.push(
        finding(message.standard, 'TR322', [`${l.path}/GeleverdVolume`], `De som van GeleverdVolume (${total}) overschrijdt de toegewezen omvang van toewijzing ${l.toewijzingNummer} (${allowed}).`),
      );
    }
  }
  return out;
}

/** TR323: a credit line refers (VorigReferentieNummer) to an earlier approved debit line with the same key fields. */
export function checkCreditRefersToApprovedDebit(message: ParsedMessage, history: MessageHistory): Finding[] {
  // The first earlier debit per ReferentieNummer, looked up by key: a scan per credit line was
  // quadratic for a large declaration against a long history.
  const debits = new Map<string, ReturnType<typeof earlierLines>[number]>();
  for (const e of earlierLines(history)) if (e.debetCredit === 'D' && !debits.has(e.referentieNummer)) debits.set(e.referentieNummer, e);
  return declarationLines(message)
    .filter((l) => l.debetCredit === 'C')
    .filter((l) => {
      const debit = l.vorigReferentieNummer === undefined ? undefined : debits.get(l.vorigReferentieNummer);
      return !(
        debit &&
        debit.status === 'approved' &&
        debit.bsn === l.bsn &&
        debit.toewijzingNummer === l.toewijzingNummer &&
        debit.productCategorie === l.productCategorie &&
        debit.productCode === l.productCode &&
        debit.begindatum === l.begindatum &&
        debit.einddatum === l.einddatum
      );
    })
    .map((l) =>
      finding(message.standard, 'TR323', [`${l.path}/ProductReferentie`], `Credit prestatie ${l.referentieNummer} verwijst niet naar een eerder goedgekeurde debet prestatie (${l.vorigReferentieNummer ?? 'geen VorigReferentieNummer'}).`),
    );
}

/** TR346: amount = volume × tariff, except in euros (83); minutes against an hour tariff: tariff × minutes ÷ 60, rounded half up. */
export function checkAmounts(message: ParsedMessage, options: CrossMessageOptions = {}): Finding[] {
  return declarationLines(message)
    .flatMap((l) => {
      if (l.eenheid === '83' || l.productTarief === undefined) return [];
      const perHour = l.eenheid === '01' && (options.minutesAgainstHourTariff?.(l) ?? false);
      const expected = amountFor(l.geleverdVolume, l.productTarief, perHour);
      if (expected === l.bedrag) return [];
      return [finding(message.standard, 'TR346', [`${l.path}/IngediendBedrag`], `IngediendBedrag ${l.bedrag} is niet GeleverdVolume × ProductTarief (${expected}).`)];
    });
}

/**
 * The cross-message rules for a received message. Without a history (undefined, as opposed to an
 * empty one) the rules that compare with earlier messages are skipped: unknown is not "none".
 * TR101 and TR302 are not run here: the stylesheet already checks them in every message it
 * covers, and a retour is never answered with a retour, so a finding on one has nowhere to go.
 */
export function runCrossMessageRules(message: ParsedMessage, history?: MessageHistory, options: CrossMessageOptions = {}): Finding[] {
  if (message.messageType !== '323') return [];
  const known = history !== undefined;
  const h = history ?? { messages: [] };
  return [
    ...checkDeclarationPeriod(message, h),
    ...checkProductPeriods(message),
    ...(known ? checkVolumePerLine(message, h) : []),
    ...(known ? checkVolumeCumulative(message, h) : []),
    ...(known ? checkCreditRefersToApprovedDebit(message, h) : []),
    ...checkAmounts(message, options),
  ];
}
