export * from './generated/message-types.generated';
export type { MessageType, Standard } from './schema/schema-model';
export { IstandaardError, IstandaardErrorCode, ERROR_RULES } from './files/istandaard.errors';
export { checkFile, MAX_FILE_BYTES } from './files/file-checks';
export type { FileCheckOptions } from './files/file-checks';
export { parseMessage } from './message/parse-message';
export type { ParsedMessage } from './message/parse-message';
export { writeMessage } from './message/write-message';
export { detectMessage, MESSAGE_TYPES, RETOUR_FOR, STYLESHEET_MESSAGES } from './message/message-registry';
export { validateMessage } from './validation/validate-message';
export type { ExternalCheck, ValidateOptions, ValidationReport } from './validation/validate-message';
export type { Finding, ValidationLevel } from './validation/finding';
export {
  checkAmounts,
  checkCreditRefersToApprovedDebit,
  checkDeclarationPeriod,
  checkNoDuplicateLines,
  checkNoOverlappingAssignments,
  checkProductPeriods,
  checkVolumeCumulative,
  checkVolumePerLine,
  declarationLines,
  retourCodeOf,
  runCrossMessageRules,
} from './rules/cross-message.rules';
export type { CrossMessageOptions, DeclarationLine, MessageHistory } from './rules/cross-message.rules';
export { buildRetour } from './retour/build-retour';
export type { RetourOptions } from './retour/build-retour';
export { omvangFromWire, omvangToWire, prestatieToWire } from './mapping/wire-mapping';
export type { WireDeclarationLine, WireVolume } from './mapping/wire-mapping';
