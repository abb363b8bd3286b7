import { IsEnum, IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { ASSIGNMENT_NUMBER_MAX } from '../access/provision-events';
import { END_REASON_CODES_OF } from '../codes/istandaard-mapping';
import { DeliveryReportStatus } from '../codes/message-codes';
import { Law } from '../codes/product-category';
import { IsIsoDate, IsOnOrAfter, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { Satisfies } from '../common/validation';

export const DELIVERY_STOPPED_V1 = 'exchange.delivery.stopped.v1';

const ALL_END_REASON_CODES = [...new Set([...END_REASON_CODES_OF[Law.WMO], ...END_REASON_CODES_OF[Law.JEUGDWET]])].sort();

/**
 * A provider reported the end of care (a 307 StopProduct) for the delivery that began on
 * `startDate`. `reasonCode` is the code list's own code (WMO588 for Wmo, JZ588 for Jeugdwet: the
 * same code means different things, so `law` says which; `endReasonFromIstandaard(code, law)` reads
 * it). `status` and `reportedOn` as for delivery.started.
 */
export class DeliveryStoppedV1 {
  @IsUUID()
  provisionLineageId!: string;

  @IsInt()
  @Min(1)
  @Max(ASSIGNMENT_NUMBER_MAX)
  assignmentNumber!: number;

  @IsAgbCode()
  providerAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsIsoDate()
  startDate!: IsoDate;

  @IsIsoDate()
  @IsOnOrAfter('startDate')
  endDate!: IsoDate;

  @IsEnum(Law)
  law!: Law;

  @IsIn(ALL_END_REASON_CODES)
  @Satisfies('isEndReasonOfLaw', (v, o) => !END_REASON_CODES_OF[o.law as Law] || END_REASON_CODES_OF[o.law as Law].includes(v as string), '$property must be a code of the law’s own list (WMO588 or JZ588)')
  reasonCode!: string;

  @IsEnum(DeliveryReportStatus)
  status!: DeliveryReportStatus;

  @IsIsoDate()
  reportedOn!: IsoDate;
}
