import { IstandaardError, IstandaardErrorCode } from './istandaard.errors';

/** OP179: at most 25 MB (taken as MiB, the way file systems and VECOZO count). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface FileCheckOptions {
  /**
   * OP192.4 binds the sender. Receiving, the default accepts LF too: XML normalises line ends and
   * several of the shipped valid examples use LF. Set it to check a file before sending it.
   */
  requireCrlf?: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The technical rules on the file itself, checked before any parsing and cheap for large input:
 * size first (a 30 MB file is refused without decoding it), then BOM, UTF-8, line ends.
 */
export function checkFile(input: string | Uint8Array, options: FileCheckOptions = {}): string {
  let text: string;
  if (typeof input === 'string') {
    if (Buffer.byteLength(input, 'utf8') > MAX_FILE_BYTES) throw tooLarge(Buffer.byteLength(input, 'utf8'));
    if (input.charCodeAt(0) === 0xfeff) throw new IstandaardError(IstandaardErrorCode.FILE_HAS_BOM, 'the text starts with a byte order mark');
    text = input;
  } else {
    if (input.byteLength > MAX_FILE_BYTES) throw tooLarge(input.byteLength);
    if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
      throw new IstandaardError(IstandaardErrorCode.FILE_HAS_BOM, 'the file starts with the UTF-8 byte order mark EF BB BF');
    }
    if ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe)) {
      throw new IstandaardError(IstandaardErrorCode.NOT_UTF8, 'the file starts with a UTF-16 byte order mark');
    }
    try {
      text = decoder.decode(input);
    } catch {
      throw new IstandaardError(IstandaardErrorCode.NOT_UTF8, `the file is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(input)})`);
    }
  }
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    throw new IstandaardError(IstandaardErrorCode.NOT_UTF8, `the XML declaration names encoding ${declared}`);
  }
  if (options.requireCrlf) {
    const bare = findBareLineEnd(text);
    if (bare) throw new IstandaardError(IstandaardErrorCode.NOT_CRLF, `line ${bare} ends without CR/LF`, bare);
  }
  return text;
}

function tooLarge(bytes: number): IstandaardError {
  return new IstandaardError(IstandaardErrorCode.FILE_TOO_LARGE, `the file has ${bytes} bytes, more than ${MAX_FILE_BYTES}`);
}

function findBareLineEnd(text: string): number | undefined {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) !== 13) return line;
    line++;
  }
  const cr = /\r(?!\n)/.exec(text);
  return cr ? text.slice(0, cr.index).split('\n').length : undefined;
}

function firstInvalidUtf8(b: Uint8Array): number {
  // Structural scan only: enough to point the sender at the offending byte.
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}
