import { Module } from '@nestjs/common';
import { ResponsibilityController } from './responsibility.controller';
import { ResponsibilityRepository } from './responsibility.repository';
import { ResponsibilityService } from './responsibility.service';

@Module({
  controllers: [ResponsibilityController],
  providers: [ResponsibilityRepository, ResponsibilityService],
  exports: [ResponsibilityService],
})
export class ResponsibilityModule {}
