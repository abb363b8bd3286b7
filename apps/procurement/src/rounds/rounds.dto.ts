import { IsIsoDate, IsMunicipalityCode, IsoDate, NestedList } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { Lot } from './rounds.entity';

export class LotInput implements Lot {
  @IsString()
  @Length(1, 100)
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;
}

export class CreateRoundRequest {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];

  @IsArray()
  @ArrayMaxSize(100)
  @NestedList(() => LotInput)
  lots!: LotInput[];

  @IsOptional()
  @IsIsoDate()
  publishedOn?: IsoDate;
}

export interface RoundView {
  id: string;
  name: string;
  municipalities: string[];
  lots: Lot[];
  publishedOn: IsoDate | null;
}
