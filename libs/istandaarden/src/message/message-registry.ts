import { IJW_SCHEMA, IWMO_SCHEMA } from '../generated/schema.generated';
import { IstandaardError, IstandaardErrorCode } from '../files/istandaard.errors';
import type { MessageDef, MessageType, SchemaModel, Standard } from '../schema/schema-model';
import type { XmlElement } from '../xml/xml-document';

export const SCHEMAS: Readonly<Record<Standard, SchemaModel>> = { iwmo: IWMO_SCHEMA, ijw: IJW_SCHEMA };

export const MESSAGE_TYPES: readonly MessageType[] = IWMO_SCHEMA.messages.map((m) => m.messageType);

/** The messages the rule stylesheet checks (heenberichten); retours go through XSD only. */
export const STYLESHEET_MESSAGES: readonly MessageType[] = ['301', '305', '307', '315', '317', '319', '323', '325'];

/** Which retour answers which message. */
export const RETOUR_FOR: Readonly<Partial<Record<MessageType, MessageType>>> = {
  '301': '302',
  '305': '306',
  '307': '308',
  '315': '316',
  '317': '318',
  '319': '320',
  '323': '325',
};

export interface MessageKind {
  standard: Standard;
  schema: SchemaModel;
  def: MessageDef;
}

const BY_NAMESPACE = new Map<string, MessageKind>();
for (const schema of Object.values(SCHEMAS)) {
  for (const def of schema.messages) BY_NAMESPACE.set(def.namespace, { standard: schema.standard, schema, def });
}

const ISTANDAARD_NAMESPACE = /^http:\/\/www\.istandaarden\.nl\/(iwmo|ijw)\/3_2\/(wmo|jw)\d+\/schema$/;

export function messageKind(standard: Standard, messageType: MessageType): MessageKind {
  const schema = SCHEMAS[standard];
  const def = schema?.messages.find((m) => m.messageType === messageType);
  if (!def) throw new IstandaardError(IstandaardErrorCode.UNKNOWN_MESSAGE_TYPE, `${standard} has no message ${messageType}`);
  return { standard, schema, def };
}

/** Standard and message type from the root element's namespace, the way the XSDs tell them apart. */
export function detectMessage(root: XmlElement): MessageKind {
  const kind = BY_NAMESPACE.get(root.uri);
  if (kind && root.local === 'Bericht') return kind;
  if (kind || ISTANDAARD_NAMESPACE.test(root.uri)) {
    throw new IstandaardError(
      IstandaardErrorCode.UNKNOWN_MESSAGE_TYPE,
      `root element {${root.uri}}${root.local} is not the Bericht of an iWmo/iJw 3.2 message`,
      root.line,
    );
  }
  throw new IstandaardError(
    IstandaardErrorCode.UNKNOWN_NAMESPACE,
    root.uri ? `namespace ${root.uri} is not an iWmo/iJw 3.2 message namespace` : `root element ${root.local} has no namespace`,
    root.line,
  );
}
