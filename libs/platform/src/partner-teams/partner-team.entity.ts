import { PartnerKind } from '@vangnet/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A partner as the gateway's registry last announced it (one row per `org`, the highest revision
 * wins), in the schema of every service that honours an access role. Only what is needed to decide
 * whether an `ORG:` team may work as an access team.
 */
@Entity('partner_team')
export class PartnerTeamEntity {
  /** The full `org` claim value, e.g. `ORG:41160099`. */
  @PrimaryColumn({ type: 'text' }) org!: string;
  @Column({ type: 'text' }) kind!: PartnerKind;
  @Column({ type: 'text' }) name!: string;
  /** The municipalities an `ORG:` team works for as an access team (empty for other kinds). */
  @Column({ type: 'text', array: true }) accessTeamFor!: string[];
  @Column({ type: 'boolean' }) active!: boolean;
  /** The registry's revision of this partner: an event with a revision not above it is ignored. */
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
