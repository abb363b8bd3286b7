import { IsoDate } from '@vangnet/contracts';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { ResponsibilityRegime, RuleSetScope } from './responsibility.rules';

/** A dated rule set for the responsible municipality of one scope (a law, or the Wmo's protected housing); never changed once stored, except being closed or withdrawn. */
@Entity('responsibility_rule_set')
@Unique('responsibility_rule_set_scope_valid_from', ['scope', 'validFrom'])
export class ResponsibilityRuleSetEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) scope!: RuleSetScope;
  @Column({ type: 'date' }) validFrom!: IsoDate;
  /** Inclusive; null while open-ended. */
  @Column({ type: 'date', nullable: true }) validTo!: IsoDate | null;
  @Column({ type: 'text' }) regime!: ResponsibilityRegime;
  @Column({ type: 'text' }) centralMunicipality!: string;
  /** Only the withdrawn ORIGIN regime used it. */
  @Column({ type: 'integer', default: 0 }) originPeriodMonths!: number;
  @Column({ type: 'text', nullable: true }) safetyNetMunicipality!: string | null;
  @Column({ type: 'text', array: true }) protectedHousingCategories!: string[];
  @Column({ type: 'text', array: true }) shelterCategories!: string[];
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** A rule set no law supports is withdrawn, never deleted: what was decided under it stays explainable. */
  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ type: 'text', nullable: true }) withdrawnReason!: string | null;
}

/**
 * A mandate to decide for another municipality (Awb 10:1): the mandating municipality, the team
 * that decides under it, the scopes and the period. Kept by a region.administrator.
 */
@Entity('decision_mandate')
@Index('decision_mandate_mandating', ['mandatingMunicipality'])
export class DecisionMandateEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) mandatingMunicipality!: string;
  @Column({ type: 'text' }) mandatedTeam!: string;
  @Column({ type: 'text', array: true }) scopes!: RuleSetScope[];
  @Column({ type: 'date' }) validFrom!: IsoDate;
  @Column({ type: 'date', nullable: true }) validTo!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
