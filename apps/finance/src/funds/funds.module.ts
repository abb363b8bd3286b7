import { Module } from '@nestjs/common';
import { FundsController } from './funds.controller';
import { FundsRepository } from './funds.repository';
import { FundsService } from './funds.service';

@Module({
  controllers: [FundsController],
  providers: [FundsRepository, FundsService],
})
export class FundsModule {}
