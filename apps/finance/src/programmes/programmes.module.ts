import { Module } from '@nestjs/common';
import { SubsidiesModule } from '../subsidies/subsidies.module';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesRepository } from './programmes.repository';
import { ProgrammesService } from './programmes.service';

@Module({
  imports: [SubsidiesModule],
  controllers: [ProgrammesController],
  providers: [ProgrammesRepository, ProgrammesService],
})
export class ProgrammesModule {}
