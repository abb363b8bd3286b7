import { Global, Module } from '@nestjs/common';
import { ReadModelCache } from './read-model.cache';

@Global()
@Module({ providers: [ReadModelCache], exports: [ReadModelCache] })
export class ReadModelModule {}
