import { CarePlanSignalKind, IsIsoDate, IsMunicipalityCode, IsoDate, PlaceFeature } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { ArrayUnique, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class SignalListQuery extends PageQuery {
  @IsOptional()
  @IsEnum(CarePlanSignalKind)
  kind?: CarePlanSignalKind;

  @IsOptional()
  @IsIn(['OPEN', 'CLOSED'])
  status?: 'OPEN' | 'CLOSED';

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsUUID()
  planId?: string;
}

export class CloseSignalRequest {
  @IsString()
  @Length(1, 500)
  because!: string;
}

/** The coordinator says a resident is ready to move on to independent housing. */
export class OutflowReadyRequest {
  @IsUUID()
  personId!: string;

  @IsIsoDate()
  readyFrom!: IsoDate;

  /** Facility features the home must offer (no diagnosis). */
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  needs!: PlaceFeature[];
}

export interface SignalView {
  id: string;
  planId: string;
  kind: string;
  personId: string | null;
  municipality: string;
  due: IsoDate;
  raisedOn: IsoDate;
  status: 'OPEN' | 'CLOSED';
  closedOn: IsoDate | null;
  closedBecause: string | null;
  detail: object;
}
