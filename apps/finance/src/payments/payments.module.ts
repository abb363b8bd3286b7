import { Module } from '@nestjs/common';
import { DeclarationsModule } from '../declarations/declarations.module';
import { SubsidiesModule } from '../subsidies/subsidies.module';
import { PaymentsController } from './payments.controller';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';

@Module({
  imports: [DeclarationsModule, SubsidiesModule],
  controllers: [PaymentsController],
  providers: [PaymentsRepository, PaymentsService],
  exports: [PaymentsService],
})
export class PaymentsModule {}
