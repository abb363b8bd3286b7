export * from './partner-team.entity';
export * from './partner-team.migration';
export * from './partner-teams.interceptor';
export * from './partner-teams.handlers';
export * from './partner-teams.module';
export * from './partner-teams.repository';
export * from './partner-teams.service';
