/**
 * Purposes and legal bases for the exchange's processing-log records (AVG art. 30). Messages with
 * providers carry the client's BSN and identity: the exchange is the municipality's channel for
 * assigning care and receiving declarations.
 */
export enum Purpose {
  MESSAGE_EXCHANGE = 'Exchange iWmo/iJw messages with a care provider about the client’s assigned care',
  ARCHIVE = 'Read the message archive (support, control, objections)',
}

/** Wmo 2015 art. 5.1.1 and Jeugdwet art. 7.4.0: processing (incl. BSN) for assigning and paying care. */
export const LEGAL_BASIS = 'Wmo 2015 art. 5.1.1; Jeugdwet art. 7.4.0';
