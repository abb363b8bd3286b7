import { ConsideredOption, IsBsn, IsIsoDate, IsMunicipalityCode, IsoDate, Law, NestedList, ProductCategory, RegistrationChannel, RegistrationSource } from '@vangnet/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { DeadlineView } from '../deadlines/deadlines.dto';

export class CreateRegistrationRequest {
  /** The person, when known and in your municipalities. */
  @IsOptional()
  @IsUUID()
  personId?: string;

  /** Or the person by BSN, anywhere in the region (national access to protected housing and shelter). */
  @IsOptional()
  @IsBsn()
  personBsn?: string;

  /** The day it was received (defaults to today). */
  @IsOptional()
  @IsIsoDate()
  receivedAt?: IsoDate;

  @IsMunicipalityCode()
  receivingMunicipality!: string;

  /** Municipality of origin: record it for protected housing and shelter. */
  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsEnum(RegistrationSource)
  source!: RegistrationSource;

  @IsEnum(RegistrationChannel)
  channel!: RegistrationChannel;

  /** Can the person formulate a request for help? If not, an outreach task (bemoeizorg) is created. */
  @IsBoolean()
  canAskForHelp!: boolean;

  /** The kind of support the concern is about, when known (e.g. 15 protected housing, 16 shelter). */
  @IsOptional()
  @IsEnum(ProductCategory, { message: '$property must be a known product category code (01–18, 40–55)' })
  category?: ProductCategory;

  /**
   * WMO or JEUGDWET; defaults to the category's law, else WMO. Only a Wmo registration has the
   * 6-week investigation term (Wmo 2015 art. 2.3.2); a Jeugdwet case's term runs from the application.
   */
  @IsOptional()
  @IsEnum(Law)
  law?: Law;

  @IsOptional()
  @IsString()
  @Length(1, 4000)
  summary?: string;
}

export class LinkPersonRequest {
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsBsn()
  personBsn?: string;
}

export class RegistrationQuery {
  @IsUUID()
  personId!: string;
}

export class LifeDomainScoreInput {
  @IsString()
  @Length(1, 64)
  domain!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;
}

export class ConsideredInput {
  @IsEnum(ConsideredOption)
  option!: ConsideredOption;

  /** Whether this option is enough; weighing stops at the first that is. */
  @IsBoolean()
  sufficient!: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class InvestigationRequest {
  /** The day the investigation was completed (defaults to today). */
  @IsOptional()
  @IsIsoDate()
  completedAt?: IsoDate;

  @IsArray()
  @ArrayMaxSize(40)
  @NestedList(() => LifeDomainScoreInput)
  scores!: LifeDomainScoreInput[];

  /** What was weighed, in the fixed order own network → general → collective → tailored. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @NestedList(() => ConsideredInput)
  considered!: ConsideredInput[];

  /** Was free independent client support (cliëntondersteuning) offered? */
  @IsBoolean()
  clientSupportOffered!: boolean;

  @IsOptional()
  @IsBoolean()
  clientSupportAccepted?: boolean;
}

export interface InvestigationView {
  id: string;
  registrationId: string;
  completedAt: IsoDate;
  investigatedBy: string;
  clientSupportOffered: boolean;
  clientSupportAccepted: boolean | null;
  considered: Array<{ option: ConsideredOption; sufficient: boolean; note?: string }>;
  conclusion: ConsideredOption | null;
  scores: Array<{ domain: string; score: number }>;
}

export interface RegistrationView {
  id: string;
  personId: string | null;
  receivedAt: IsoDate;
  receivingMunicipality: string;
  originMunicipality: string | null;
  source: RegistrationSource;
  channel: RegistrationChannel;
  canAskForHelp: boolean;
  category: ProductCategory | null;
  summary: string | null;
  status: string;
  registeredBy: string;
  outreachTask: { id: string; status: string; createdOn: IsoDate; firstContactDue: IsoDate } | null;
  law: Law;
  /** Wmo only (Wmo 2015 art. 2.3.2); null for a Jeugdwet case. */
  investigationDue: IsoDate | null;
  deadlines: DeadlineView[];
  investigation: InvestigationView | null;
  version: number;
}
