import { Global, Module } from '@nestjs/common';
import { RegionDataController } from './region-data.controller';
import { RegionDataChanges } from './region-data.service';

/** Global: the features that keep region-wide data (life domains, calendar, responsibility) guard and audit their changes with it. */
@Global()
@Module({
  controllers: [RegionDataController],
  providers: [RegionDataChanges],
  exports: [RegionDataChanges],
})
export class RegionDataModule {}
