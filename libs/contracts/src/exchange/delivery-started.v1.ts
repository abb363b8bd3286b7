import { IsEnum, IsInt, IsUUID, Max, Min } from 'class-validator';
import { ASSIGNMENT_NUMBER_MAX } from '../access/provision-events';
import { DeliveryReportStatus } from '../codes/message-codes';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';

export const DELIVERY_STARTED_V1 = 'exchange.delivery.started.v1';

/**
 * A provider reported the start of care (a 305 StartProduct) for an assignment; access shows the
 * delivery status on the provision. `municipality` is the one the 305 was addressed to (the
 * responsible municipality, which numbered the assignment). A start is identified by lineage and
 * `startDate`; `status` says whether it is reported first, corrected, or withdrawn (COD467), and
 * `reportedOn` (the message's Dagtekening) orders reports of the same start.
 */
export class DeliveryStartedV1 {
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

  @IsEnum(DeliveryReportStatus)
  status!: DeliveryReportStatus;

  @IsIsoDate()
  reportedOn!: IsoDate;
}
