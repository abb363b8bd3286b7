import { Module } from '@nestjs/common';
import { TariffsRepository } from './tariffs.repository';
import { TariffsService } from './tariffs.service';

@Module({
  providers: [TariffsRepository, TariffsService],
  exports: [TariffsService],
})
export class TariffsModule {}
