export * from './data-source';
export * from './migration-runner';
export * from './persistence.module';
export * from './pg-types';
export * from './transactional';
export * from './transformers';
export * from './typeorm-logger';
