// The runtime form of the XSDs that the generator emits: the parser and the writer walk it, so
// element order, namespaces and minOccurs/maxOccurs come from the schema and nowhere else.

export type Standard = 'iwmo' | 'ijw';
export type MessageType =
  | '301' | '302' | '305' | '306' | '307' | '308' | '315' | '316' | '317' | '318' | '319' | '320' | '323' | '325';

export interface SimpleTypeDef {
  kind: 'simple';
  base: 'integer' | 'string' | 'date' | 'time';
  enum?: string[];
  fixed?: string;
}

export interface FieldDef {
  xml: string;
  prop: string;
  /** Declared in the message schema or in the basisschema: decides the element's namespace. */
  ns: 'message' | 'base';
  min: number;
  many: boolean;
  type: string;
  /** Wrapper class holding only one repeated class: exposed as an array of that class. */
  wrap?: { xml: string; ns: 'message' | 'base'; type: string };
}

export interface ComplexTypeDef {
  kind: 'complex';
  fields: FieldDef[];
}

export interface MessageDef {
  messageType: MessageType;
  berichtCode: number;
  namespace: string;
  prefix: string;
  xsd: string;
  root: string;
}

export interface SchemaModel {
  standard: Standard;
  basisNamespace: string;
  basisPrefix: string;
  xsdDir: string;
  xslt: string;
  messages: MessageDef[];
  types: Record<string, SimpleTypeDef | ComplexTypeDef>;
}
