// Why finance processes personal data, and on which legal basis (AVG art. 30 register): every
// processing-log record of commitments and declarations names these.

export const PURPOSE = 'financial administration of provisions (commitments, declarations, payments)';
export const LEGAL_BASIS = 'Wmo 2015 art. 5.1.1 / Jeugdwet art. 7.4.1 (financial accountability of the municipality)';
