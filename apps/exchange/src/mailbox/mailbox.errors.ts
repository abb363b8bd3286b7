import { DomainError } from '@vangnet/contracts';
import { IstandaardError, IstandaardErrorCode } from '@vangnet/istandaarden';

export enum MailboxErrorCode {
  /** The header cannot be read, so no retour can be addressed (the file is refused, not archived). */
  HEADER_UNREADABLE = 'HEADER_UNREADABLE',
  /** A message a provider does not send to a municipality (a 301, a 319, a retour of ours). */
  NOT_A_PROVIDER_MESSAGE = 'NOT_A_PROVIDER_MESSAGE',
  /** Ontvanger is not a municipality of this region. */
  UNKNOWN_RECEIVER = 'UNKNOWN_RECEIVER',
  /** Content-Type is not XML. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
}

export class MailboxError extends DomainError<MailboxErrorCode | IstandaardErrorCode> {
  /** A file that breaks the technical rules or is no iWmo/iJw 3.2 message at all: refused with the library's code and the rule. */
  static file(e: IstandaardError): MailboxError {
    const status = e.code === IstandaardErrorCode.FILE_TOO_LARGE ? 413 : e.code === IstandaardErrorCode.NOT_SCHEMA_VALID ? 422 : 400;
    return new MailboxError(e.code, e.message, status, [{ name: 'file', code: e.code, reason: e.rule }], { rule: e.rule, ...(e.line !== undefined ? { line: e.line } : {}) });
  }
}
