import { Module } from '@nestjs/common';
import { OutflowController } from './outflow.controller';
import { OutflowRepository } from './outflow.repository';
import { OutflowService } from './outflow.service';

/** Other features use OutflowService, never the repository or the table. */
@Module({
  controllers: [OutflowController],
  providers: [OutflowRepository, OutflowService],
  exports: [OutflowService],
})
export class OutflowModule {}
