import type { RetourCode } from '@vangnet/contracts';
import { IstandaardError, IstandaardErrorCode } from '../files/istandaard.errors';
import { messageKind, RETOUR_FOR, SCHEMAS } from '../message/message-registry';
import type { ParsedMessage } from '../message/parse-message';
import type { ComplexTypeDef, SchemaModel } from '../schema/schema-model';
import type { Finding } from '../validation/finding';
import type { ValidationReport } from '../validation/validate-message';

export interface RetourOptions {
  /** IdentificatieRetour (302–320) or the answer's own BerichtIdentificatie (325): at most 12 characters. */
  identificatie: string;
  /** DagtekeningRetour / the answer's Dagtekening, YYYY-MM-DD. */
  dagtekening: string;
  /** XsltVersie of the rule stylesheet that judged the message. */
  xsltVersie?: string;
}

const XSLT_VERSION = '2.10.5';
const XSD_VERSION = { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' };
const ACCEPTED: RetourCode = '0200';
const NOT_ASSESSED: RetourCode = '0233';

type Obj = Record<string, unknown>;

/**
 * The answer to a received message: the retour (302, 306, 308, 316, 318, 320) or the declaration
 * answer (325), with each class's retour codes taken from the report: 0001 for a failed XSD or
 * in-message rule, the rule report's code for a cross-message or external failure, 0200 where
 * nothing failed. Only rejected clients travel back (OP065), and in a 325 only rejected lines (TR342).
 */
export function buildRetour(report: ValidationReport, options: RetourOptions): ParsedMessage {
  const retourType = RETOUR_FOR[report.messageType];
  if (!retourType) throw new IstandaardError(IstandaardErrorCode.UNKNOWN_MESSAGE_TYPE, `a ${report.messageType} has no retour`);
  if (!report.header) throw new IstandaardError(IstandaardErrorCode.NOT_SCHEMA_VALID, 'the received Header cannot be read, so the retour cannot be addressed');
  const findings = [...report.levels.xsd, ...report.levels.inMessage, ...report.levels.crossMessage, ...report.levels.external];
  return retourType === '325' ? declarationAnswer(report, findings, options) : retour(report, retourType, findings, options);
}

function fixedHeader(schema: SchemaModel, prefix: string): Obj {
  const header = schema.types[`${prefix}.Header`] as ComplexTypeDef;
  const out: Obj = {};
  for (const f of header.fields) {
    const t = schema.types[f.type];
    if (t.kind === 'simple' && t.fixed !== undefined) out[f.prop] = t.base === 'integer' ? Number(t.fixed) : t.fixed;
  }
  return out;
}

/**
 * Codes per element path: a finding belongs to the nearest enclosing class that carries RetourCodes.
 * `context`: paths a finding may name only as what a line was compared with (the header's dates,
 * the declaration period); when the finding also names a line, only the line is refused.
 */
function codesByOwner(findings: Finding[], owners: Set<string>, context?: { lines: string; paths: readonly string[] }): Map<string, RetourCode[]> {
  const out = new Map<string, RetourCode[]>();
  const isContext = (p: string) => context !== undefined && context.paths.some((c) => p === c || p.startsWith(`${c}/`));
  for (const f of findings) {
    // A duplicate (TR101, TR416) names the original first: only the repeats are refused.
    let paths = f.paths ?? [f.path];
    if (context && paths.some((p) => p.startsWith(context.lines)) && paths.every((p) => p.startsWith(context.lines) || isContext(p))) {
      // TR342: TR319 "ProductPeriode after DeclaratiePeriode", TR335 "… against DeclaratieDagtekening"
      // and the like are about the line; refusing the header or the period would refuse every line.
      paths = paths.filter((p) => !isContext(p));
    }
    for (const path of DUPLICATE_RULES.has(f.code) && paths.length > 1 ? paths.slice(1) : paths) {
      let p = path;
      while (p.length > '/Bericht'.length && !owners.has(p)) p = p.slice(0, p.lastIndexOf('/'));
      const owner = owners.has(p) ? p : '/Bericht/Header';
      const list = out.get(owner) ?? [];
      if (!list.includes(f.retourCode)) list.push(f.retourCode);
      out.set(owner, list);
    }
  }
  return out;
}

const DUPLICATE_RULES = new Set(['TR101', 'TR416']);

/** What a declaration line is checked against, never the subject of a line's finding. */
const LINE_CONTEXT = ['/Bericht/Header', '/Bericht/Declaratie/DeclaratiePeriode', '/Bericht/Declaratie/DeclaratieDagtekening'];

const seg = (name: string, i: number, count: number) => (count > 1 ? `${name}[${i + 1}]` : name);

function retour(report: ValidationReport, retourType: string, findings: Finding[], options: RetourOptions): ParsedMessage {
  const schema = SCHEMAS[report.standard];
  const { def } = messageKind(report.standard, retourType as never);
  const received = report.message as unknown as Obj | undefined;
  // Build the body (the Client and its classes) from the received message along the retour's schema.
  const owners = new Set<string>(['/Bericht/Header']);
  const classes: { path: string; obj: Obj }[] = [];
  const copy = (src: Obj, typeKey: string, path: string): Obj => {
    const type = schema.types[typeKey] as ComplexTypeDef;
    const out: Obj = {};
    for (const f of type.fields) {
      if (f.prop === 'retourCodes') continue;
      const v = src[f.prop];
      if (v === undefined) continue;
      const itemType = f.wrap ? f.wrap.type : f.type;
      if (schema.types[itemType].kind !== 'complex') {
        out[f.prop] = v;
        continue;
      }
      const name = f.wrap ? f.wrap.xml : f.xml;
      const base = f.wrap ? `${path}/${f.xml}` : path;
      if (Array.isArray(v)) out[f.prop] = v.map((item, i) => copy(item as Obj, itemType, `${base}/${seg(name, i, v.length)}`));
      else out[f.prop] = copy(v as Obj, itemType, `${base}/${name}`);
    }
    if (type.fields.some((f) => f.prop === 'retourCodes')) {
      owners.add(path);
      classes.push({ path, obj: out });
    }
    return out;
  };
  const rootType = schema.types[def.root] as ComplexTypeDef;
  const bodyField = rootType.fields.find((f) => f.prop !== 'header');
  const body = received && bodyField ? copy(received[bodyField.prop] as Obj, bodyField.type, `/Bericht/${bodyField.xml}`) : undefined;
  const codes = codesByOwner(findings, owners);
  for (const c of classes) c.obj.retourCodes = codes.get(c.path) ?? [ACCEPTED];
  const rejected = classes.some((c) => (c.obj.retourCodes as RetourCode[]).some((r) => r !== ACCEPTED));
  const header = report.header as Obj;
  return {
    standard: report.standard,
    messageType: retourType,
    header: {
      ...fixedHeader(schema, def.prefix),
      afzender: header.afzender,
      ontvanger: header.ontvanger,
      berichtIdentificatie: header.berichtIdentificatie,
      xsdVersie: header.xsdVersie,
      identificatieRetour: options.identificatie,
      dagtekeningRetour: options.dagtekening,
      xsltVersie: options.xsltVersie ?? XSLT_VERSION,
      xsdVersieRetour: XSD_VERSION,
      retourCodes: codes.get('/Bericht/Header') ?? [ACCEPTED],
    },
    // OP065: a retour carries only the clients with a rejected class.
    ...(body && bodyField && rejected ? { [bodyField.prop]: body } : {}),
  } as unknown as ParsedMessage;
}

function signed(amount: { totaalBedrag?: number; bedrag?: number; debetCredit: string }): number {
  const v = amount.totaalBedrag ?? amount.bedrag ?? 0;
  return amount.debetCredit === 'C' ? -v : v;
}

function declarationAnswer(report: ValidationReport, findings: Finding[], options: RetourOptions): ParsedMessage {
  const schema = SCHEMAS[report.standard];
  const { def } = messageKind(report.standard, '325');
  const header = report.header as Obj;
  const received = report.message?.messageType === '323' ? report.message : undefined;
  const clients = received?.declaratie.clienten ?? [];
  const owners = new Set(['/Bericht/Header', '/Bericht/Declaratie']);
  const clientPath = (ci: number) => `/Bericht/Declaratie/Clienten/${seg('Client', ci, clients.length)}`;
  clients.forEach((c, ci) => {
    owners.add(clientPath(ci));
    c.prestaties.forEach((_, pi) => owners.add(`${clientPath(ci)}/Prestaties/${seg('Prestatie', pi, c.prestaties.length)}`));
  });
  const codes = codesByOwner(findings, owners, { lines: '/Bericht/Declaratie/Clienten/', paths: LINE_CONTEXT });
  const headerCodes = codes.get('/Bericht/Header') ?? [ACCEPTED];
  const declarationCodes = codes.get('/Bericht/Declaratie') ?? [ACCEPTED];
  // TR342: rejected on the declaration itself, no line is assessed and nothing is awarded.
  const wholeRejected = !received || [...headerCodes, ...declarationCodes].some((c) => c !== ACCEPTED);
  const answeredClients = wholeRejected
    ? []
    : clients.flatMap((c, ci) => {
        const clientCodes = codes.get(clientPath(ci));
        const prestaties = c.prestaties.flatMap((p, pi) => {
          const own = codes.get(`${clientPath(ci)}/Prestaties/${seg('Prestatie', pi, c.prestaties.length)}`);
          if (!own && !clientCodes) return [];
          return [{ ...p, retourCodes: own ?? [NOT_ASSESSED] }];
        });
        return prestaties.length ? [{ bsn: c.bsn, prestaties, retourCodes: clientCodes ?? [ACCEPTED] }] : [];
      });
  const submitted = received?.declaratie.totaalIngediendBedrag ?? { totaalBedrag: 0, debetCredit: 'D' as const };
  const rejectedSum = answeredClients.reduce((s, c) => s + c.prestaties.reduce((t, p) => t + signed(p.ingediendBedrag), 0), 0);
  const awarded = wholeRejected ? 0 : signed(submitted) - rejectedSum;
  return {
    standard: report.standard,
    messageType: '325',
    header: {
      ...fixedHeader(schema, def.prefix),
      // The answer goes back: the municipality that received the 323 sends it to the provider.
      afzender: header.ontvanger,
      ontvanger: header.afzender,
      berichtIdentificatie: { identificatie: options.identificatie, dagtekening: options.dagtekening },
      xsdVersie: XSD_VERSION,
      declaratieIdentificatie: header.berichtIdentificatie,
      xsltVersie: options.xsltVersie ?? XSLT_VERSION,
      xsdVersieDeclaratie: header.xsdVersie,
      retourCodes: headerCodes,
    },
    ...(received
      ? {
          declaratieAntwoord: {
            declaratieNummer: received.declaratie.declaratieNummer,
            totaalIngediendBedrag: submitted,
            totaalToegekendBedrag: { totaalBedrag: Math.abs(awarded), debetCredit: awarded < 0 ? 'C' : 'D' },
            ...(answeredClients.length ? { clienten: answeredClients } : {}),
            retourCodes: declarationCodes,
          },
        }
      : {}),
  } as unknown as ParsedMessage;
}
