import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { AssignmentsModule } from '../assignments/assignments.module';
import { DeclarationsModule } from '../declarations/declarations.module';
import { RequestsModule } from '../requests/requests.module';
import { MailboxController } from './mailbox.controller';
import { MailboxService } from './mailbox.service';
import { WatchedDirectory } from './watched-directory';

@Module({
  imports: [ArchiveModule, AssignmentsModule, RequestsModule, DeclarationsModule],
  controllers: [MailboxController],
  providers: [MailboxService, WatchedDirectory],
  exports: [MailboxService],
})
export class MailboxModule {}
