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
}

/**
 * All four levels on one received file. A file that cannot be read as a message at all (too large,
 * BOM, not UTF-8, not XML, not an iWmo/iJw 3.2 message) rejects with an IstandaardError instead.
 */
export async function validateMessage(input: string | Uint8Array, options: ValidateOptions = {}): Promise<ValidationReport> {
  const text = checkFile(input, options);
  const doc = parseXml(text);
  const kind = detectMessage(doc.root);
  const history = options.history;
  const xsd = await validateXsd(kind, text, doc);
  const inMessage = STYLESHEET_MESSAGES.includes(kind.def.messageType) ? runRuleStylesheet(kind.standard, doc) : [];
  const message = xsd.length === 0 ? messageFromDocument(doc, kind) : undefined;
  const crossMessage = message ? runCrossMessageRules(message, history, options) : [];
  const external: Finding[] = [];
  if (message) {
    for (const check of options.externalChecks ?? []) {
      for (const f of await check(message, { history: history ?? { messages: [] } })) external.push({ ...f, level: 'external' });
    }
  }
  const levels = { xsd, inMessage, crossMessage, external };
  return {
    standard: kind.standard,
    messageType: kind.def.messageType,
    ...(message ? { message } : {}),
    header: message ? (message.header as unknown as Record<string, unknown>) : headerFromDocument(doc, kind),
    valid: Object.values(levels).every((l) => l.length === 0),
    levels,
  };
}
