import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The region's one registry of partner organisations (ARCHITECTURE §6): kind, allowed scopes,
 * and for an `ORG:` team the municipalities it works for as an access team.
 */
@Entity('partner')
@Check('partner_kind_check', `kind IN ('ORG', 'AGB', 'CORP') AND org LIKE kind || ':%'`)
@Check('partner_access_team_for_check', `kind = 'ORG' OR cardinality(access_team_for) = 0`)
@Check('partner_rate_limit_per_minute_check', 'rate_limit_per_minute IS NULL OR rate_limit_per_minute > 0')
export class PartnerEntity {
  /** The full claim value, `ORG:12345678`. */
  @PrimaryColumn({ type: 'text' }) org!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) scopes!: string[];
  @Column({ type: 'text', array: true }) accessTeamFor!: string[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Requests per minute through the gateway; null: the gateway's default. */
  @Column({ type: 'integer', nullable: true }) rateLimitPerMinute!: number | null;
  /** Rises by one per change (the events carry it; the ETag). */
  @Column({ type: 'integer', default: 1 }) revision!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** When its current revision was last published (again): see PartnerAnnouncer. */
  @Column({ type: 'timestamptz', default: () => 'now()' }) announcedAt!: Date;
}

/** The audit record of every revision: what it was set to, by whom, when. */
@Entity('partner_revision')
export class PartnerRevisionEntity {
  @PrimaryColumn({ type: 'text' }) @ForeignKey('partner') org!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) scopes!: string[];
  @Column({ type: 'text', array: true }) accessTeamFor!: string[];
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'integer', nullable: true }) rateLimitPerMinute!: number | null;
  /** `org/sub` of the region administrator. */
  @Column({ type: 'text' }) changedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) changedAt!: Date;
}

/**
 * An OAuth2 client of a partner (client-credentials grant): the secret is shown once and kept
 * only as its SHA-256 (a 256-bit random secret needs no slow hash). Revoked, never deleted.
 */
@Entity('partner_client')
@Index('partner_client_org', ['org'])
export class PartnerClientEntity {
  @PrimaryColumn({ type: 'text' }) clientId!: string;
  @Column({ type: 'text' }) @ForeignKey('partner') org!: string;
  @Column({ type: 'text' }) secretHash!: string;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) revokedBy!: string | null;
}
