import { Module } from '@nestjs/common';
import { QuotasController } from './quotas.controller';
import { QuotasRepository } from './quotas.repository';
import { QuotasService } from './quotas.service';

/** Other features use QuotasService, never the repository or the table. */
@Module({
  controllers: [QuotasController],
  providers: [QuotasRepository, QuotasService],
  exports: [QuotasService],
})
export class QuotasModule {}
