// One error class for everything that keeps a file from being read as a message at all. Each code
// names the technical rule it breaks, so a caller can answer the sender without parsing prose.
export enum IstandaardErrorCode {
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  FILE_HAS_BOM = 'FILE_HAS_BOM',
  NOT_UTF8 = 'NOT_UTF8',
  NOT_CRLF = 'NOT_CRLF',
  MALFORMED_XML = 'MALFORMED_XML',
  UNKNOWN_NAMESPACE = 'UNKNOWN_NAMESPACE',
  UNKNOWN_MESSAGE_TYPE = 'UNKNOWN_MESSAGE_TYPE',
  NOT_SCHEMA_VALID = 'NOT_SCHEMA_VALID',
  INVALID_MESSAGE_OBJECT = 'INVALID_MESSAGE_OBJECT',
}

/** The iStandaard rule each code enforces (OP179 size, OP192 file format). */
export const ERROR_RULES: Readonly<Record<IstandaardErrorCode, string>> = {
  FILE_TOO_LARGE: 'OP179: De grootte van verzonden bestanden mag niet meer zijn dan 25 Mb.',
  FILE_HAS_BOM: 'OP192.3: Het gebruik van Byte-Order-Mark (BOM) is niet toegestaan.',
  NOT_UTF8: 'OP192.2: De bestandcodering is UTF-8.',
  NOT_CRLF: 'OP192.4: Het einderegel teken is een combinatie van CR/LF.',
  MALFORMED_XML: 'OP192.1: Het berichtuitwisselingsformaat is XML.',
  UNKNOWN_NAMESPACE: 'The root element must be a Bericht in an iWmo or iJw 3.2 message namespace.',
  UNKNOWN_MESSAGE_TYPE: 'The root element names no iWmo or iJw 3.2 message (301–325).',
  NOT_SCHEMA_VALID: 'The message does not conform to its XSD, so it cannot be read into a typed object.',
  INVALID_MESSAGE_OBJECT: 'The object cannot be written: it does not follow the schema.',
};

export class IstandaardError extends Error {
  readonly rule: string;

  constructor(
    readonly code: IstandaardErrorCode,
    detail: string,
    readonly line?: number,
    /** For INVALID_MESSAGE_OBJECT: the property path in the object (`declaratie.clienten[0].bsn`). */
    readonly field?: string,
  ) {
    super(`${code}: ${detail} (${ERROR_RULES[code]})`);
    this.name = 'IstandaardError';
    this.rule = ERROR_RULES[code];
  }
}
