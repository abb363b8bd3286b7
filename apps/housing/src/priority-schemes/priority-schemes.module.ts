import { Module } from '@nestjs/common';
import { PrioritySchemesController } from './priority-schemes.controller';
import { PrioritySchemesRepository } from './priority-schemes.repository';
import { PrioritySchemesService } from './priority-schemes.service';

/** The waiting list ranks with PrioritySchemesService.inForce(); nobody else reads the table. */
@Module({
  controllers: [PrioritySchemesController],
  providers: [PrioritySchemesRepository, PrioritySchemesService],
  exports: [PrioritySchemesService],
})
export class PrioritySchemesModule {}
