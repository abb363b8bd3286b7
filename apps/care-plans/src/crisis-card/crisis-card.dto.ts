import { IsoDate, Nested, NestedList } from '@vangnet/contracts';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ConsentMethod } from '../plans/plans.rules';

export class CrisisContactInput {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  relation?: string;

  @Matches(/^\+?[0-9 ()-]{6,20}$/)
  phone!: string;
}

const lines = () => [IsArray(), ArrayMaxSize(30), IsString({ each: true }), Length(1, 500, { each: true })];
function Lines(): PropertyDecorator {
  return (target, key) => lines().forEach((d) => d(target, key));
}

export class WrapInput {
  /** What keeps me well (daily maintenance). */
  @Lines()
  wellness!: string[];

  @Lines()
  triggers!: string[];

  @Lines()
  earlyWarningSigns!: string[];

  @Lines()
  whenThingsBreakDown!: string[];

  @Lines()
  afterACrisis!: string[];
}

/** The resident's own part, recorded by the coordinator in the resident's words. */
export class ResidentPartRequest {
  /** The resident it belongs to (default: the instructing resident). */
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsArray()
  @ArrayMaxSize(10)
  @NestedList(() => CrisisContactInput)
  contacts!: CrisisContactInput[];

  @Lines()
  whatHelps!: string[];

  @Lines()
  whatDoesNotHelp!: string[];

  @IsOptional()
  @Nested(() => WrapInput)
  wrap?: WrapInput;

  @IsOptional()
  @IsString()
  @Length(1, 8000)
  ownInput?: string;

  /** The resident's (or legal representative's) participant id. */
  @IsUUID()
  instructedBy!: string;

  @IsEnum(ConsentMethod)
  method!: ConsentMethod;
}

/** Only the parts the caller may see are present. */
export interface ResidentPartView {
  personId: string;
  crisisCard?: { contacts: Array<{ name: string; relation?: string; phone: string }>; whatHelps: string[]; whatDoesNotHelp: string[] };
  wrap?: WrapInput | null;
  ownInput?: string | null;
  recordedOn: IsoDate;
  version: number;
}
