import { checkFile, FileCheckOptions } from '../files/file-checks';
import { detectMessage, STYLESHEET_MESSAGES } from '../message/message-registry';
import { headerFromDocument, messageFromDocument, ParsedMessage } from '../message/parse-message';
import { CrossMessageOptions, MessageHistory, runCrossMessageRules } from '../rules/cross-message.rules';
import type { MessageType, Standard } from '../schema/schema-model';
import { parseXml } from '../xml/xml-document';
import type { Finding } from './finding';
import { runRuleStylesheet } from './rule-stylesheet';
import { validateXsd } from './xsd-validator';

/** Level 4: a check the service supplies (contract, tariff, CBS code list…). Its findings carry their own code and retour code. */
export type ExternalCheck = (
  message: ParsedMessage,
  context: { history: MessageHistory },
) => Omit<Finding, 'level'>[] | Promise<Omit<Finding, 'level'>[]>;

export interface ValidateOptions extends FileCheckOptions, CrossMessageOptions {
  history?: MessageHistory;
  externalChecks?: readonly ExternalCheck[];
}

export interface ValidationReport {
  standard: Standard;
  messageType: MessageType;
  /** The typed message, when the XSD accepted it (cross-message and external checks need it). */
  message?: ParsedMessage;
  /** The received Header on its own, read even when the rest fails the XSD: the retour needs it. */
  header?: Record<string, unknown>;
  valid: boolean;
  levels: { xsd: Finding[]; inMessage: Finding[]; crossMessage: Finding[]; external: Finding[] };
  /** Milliseconds per step, for logs and the bench. */
  timings: { read: number; xsd: number; inMessage: number; typed: number; crossMessage: number; external: number };
}

/**
 * All four levels on one received file. A file that cannot be read as a message at all (too large,
 * BOM, not UTF-8, not XML, not an iWmo/iJw 3.2 message) rejects with an IstandaardError instead.
 */
export async function validateMessage(input: string | Uint8Array, options: ValidateOptions = {}): Promise<ValidationReport> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
  const text = checkFile(input, options);
  const doc = parseXml(text);
  const kind = detectMessage(doc.root);
  const history = options.history;
  const timings = { read: lap(), xsd: 0, inMessage: 0, typed: 0, crossMessage: 0, external: 0 };
  // libxml2 runs in xmllint-wasm's worker thread: levels 1 and 2 use both cores at once.
  const xsdRun = validateXsd(kind, text, doc, typeof input === 'string' ? undefined : input).then((findings) => ({ findings, done: performance.now() }));
  const inMessage = STYLESHEET_MESSAGES.includes(kind.def.messageType) ? runRuleStylesheet(kind.standard, doc) : [];
  timings.inMessage = lap();
  const started = t - timings.inMessage;
  const { findings: xsd, done } = await xsdRun;
  timings.xsd = Math.round(done - started);
  t = performance.now();
  const message = xsd.length === 0 ? messageFromDocument(doc, kind) : undefined;
  timings.typed = lap();
  const crossMessage = message ? runCrossMessageRules(message, history, options) : [];
  timings.crossMessage = lap();
  const external: Finding[] = [];
  if (message) {
    for (const check of options.externalChecks ?? []) {
      for (const f of await check(message, { history: history ?? { messages: [] } })) external.push({ ...f, level: 'external' });
    }
  }
  timings.external = lap();
  const levels = { xsd, inMessage, crossMessage, external };
  return {
    standard: kind.standard,
    messageType: kind.def.messageType,
    ...(message ? { message } : {}),
    header: message ? (message.header as unknown as Record<string, unknown>) : headerFromDocument(doc, kind),
    valid: Object.values(levels).every((l) => l.length === 0),
    levels,
    timings,
  };
}
