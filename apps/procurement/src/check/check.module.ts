import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ClientStopsModule } from '../client-stops/client-stops.module';
import { ContractsModule } from '../contracts/contracts.module';
import { ProvidersModule } from '../providers/providers.module';
import { CheckController } from './check.controller';
import { CheckHandlers } from './check.handlers';
import { CheckReadModel } from './check.read-model';
import { CheckResponder } from './check.responder';
import { CheckService } from './check.service';

@Module({
  imports: [ProvidersModule, ContractsModule, ClientStopsModule, CatalogueModule],
  controllers: [CheckHandlers, CheckController],
  providers: [CheckReadModel, CheckService, CheckResponder],
  exports: [CheckService],
})
export class CheckModule {}
