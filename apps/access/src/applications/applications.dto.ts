import { IsBsn, IsIsoDate, IsMunicipalityCode, IsOnOrAfter, IsoDate, Law, ProductRef } from '@vangnet/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { DeadlineView } from '../deadlines/deadlines.dto';

export class CreateApplicationRequest {
  @IsOptional()
  @IsUUID()
  personId?: string;

  /** Or the person by BSN anywhere in the region; a decision needs the BSN. */
  @IsOptional()
  @IsBsn()
  personBsn?: string;

  /** The registration this application follows from, if any. */
  @IsOptional()
  @IsUUID()
  registrationId?: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  /** The municipality that will decide (one of the caller's). */
  @IsMunicipalityCode()
  municipality!: string;

  /** The day the application was received (defaults to today); the decision term runs from it. */
  @IsOptional()
  @IsIsoDate()
  receivedAt?: IsoDate;

  /** WMO (decision within 2 weeks) or JEUGDWET (within 8 weeks). */
  @IsEnum(Law)
  law!: Law;

  /** Municipality of origin for protected housing; defaults to the registration's, then the person's. */
  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProductRef)
  requested?: ProductRef[];
}

export class ApplicationQuery {
  @IsUUID()
  personId!: string;
}

export class SuspensionRequest {
  /** The first day the decision term stands still (Awb 4:15). */
  @IsIsoDate()
  start!: IsoDate;

  /** The last day (inclusive); absent while the municipality still waits. */
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('start')
  end?: IsoDate;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class EndSuspensionRequest {
  @IsIsoDate()
  end!: IsoDate;
}

export interface SuspensionView {
  id: string;
  start: IsoDate;
  end: IsoDate | null;
  reason: string | null;
}

export interface ApplicationView {
  id: string;
  personId: string;
  registrationId: string | null;
  householdId: string | null;
  municipality: string;
  law: Law;
  receivedAt: IsoDate;
  originMunicipality: string | null;
  requested: ProductRef[];
  status: string;
  decisionDue: IsoDate | null;
  suspended: boolean;
  suspensions: SuspensionView[];
  deadline: DeadlineView | null;
  decisionId: string | null;
  version: number;
}
