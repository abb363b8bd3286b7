import { createHmac } from 'crypto';

/**
 * The resident's pseudonym: hex HMAC-SHA256 of the BSN under VANGNET_PSEUDONYM_KEY (32 bytes,
 * hex), the same in every service, so one resident's records can be found everywhere.
 */
export function pseudonymize(bsn: string, keyHex = process.env.VANGNET_PSEUDONYM_KEY): string {
  if (!keyHex || !/^[0-9a-fA-F]{64}$/.test(keyHex)) {
    throw new Error('VANGNET_PSEUDONYM_KEY must be 32 bytes as 64 hex characters');
  }
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(bsn, 'utf8').digest('hex');
}
