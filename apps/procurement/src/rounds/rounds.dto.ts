import { IsIsoDate, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
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
  @ValidateNested({ each: true })
  @Type(() => LotInput)
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
