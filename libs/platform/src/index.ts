export * from './background-job';
export * from './bootstrap';
export * from './clock';
export * from './http';
export * from './idempotency';
export * from './openapi';
export * from './platform.module';
export * from './problem.filter';
