import { Module } from '@nestjs/common';
import { PartnerTeamsHandlers, PlatformModule } from '@vangnet/platform';
import { ArchiveModule } from './archive/archive.module';
import { MessageEntity } from './archive/archive.entity';
import { AssignmentEntity } from './assignments/assignments.entity';
import { AssignmentsModule } from './assignments/assignments.module';
import { ExchangeTables1796500000000 } from './database/migrations/1796500000000-exchange';
import { DeclarationEntity } from './declarations/declarations.entity';
import { DeclarationsModule } from './declarations/declarations.module';
import { MailboxModule } from './mailbox/mailbox.module';
import { AssignmentRequestEntity } from './requests/requests.entity';
import { RequestsModule } from './requests/requests.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'exchange',
      // Its archive honours access.caseworker: ORG: teams only as the partner registry says (O1).
      partnerTeams: true,
      entities: [MessageEntity, AssignmentEntity, AssignmentRequestEntity, DeclarationEntity],
      migrations: [ExchangeTables1796500000000],
    }),
    ArchiveModule,
    AssignmentsModule,
    RequestsModule,
    DeclarationsModule,
    MailboxModule,
  ],
  // Its subscription to the partner registry (the platform keeps the registry and checks ORG: callers).
  providers: [PartnerTeamsHandlers],
})
export class AppModule {}
