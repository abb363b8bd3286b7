import { DeadLetterEntity } from './inbox/dead-letter.entity';
import { InboxEntity } from './inbox/inbox.entity';
import { OutboxEntity } from './outbox/outbox.entity';

/** The entities of the tables `MessagingTables1700000000000` creates in every service's schema. */
export const MESSAGING_ENTITIES = [OutboxEntity, InboxEntity, DeadLetterEntity];
