import { Module } from '@nestjs/common';
import { DeclarationsModule } from '../declarations/declarations.module';
import { SettlementsController } from './settlements.controller';
import { SettlementsService } from './settlements.service';

@Module({
  imports: [DeclarationsModule],
  controllers: [SettlementsController],
  providers: [SettlementsService],
})
export class SettlementsModule {}
