import { IsoDate } from '@vangnet/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ResponsibilityRegime } from './responsibility.rules';

/** A dated rule set for the responsible municipality (ADR 0033); never changed once stored. */
@Entity('responsibility_rule_set')
export class ResponsibilityRuleSetEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'date', unique: true }) validFrom!: IsoDate;
  @Column({ type: 'text' }) regime!: ResponsibilityRegime;
  @Column({ type: 'text' }) centralMunicipality!: string;
  @Column({ type: 'integer' }) originPeriodMonths!: number;
  @Column({ type: 'text', nullable: true }) safetyNetMunicipality!: string | null;
  @Column({ type: 'text', array: true }) protectedHousingCategories!: string[];
  @Column({ type: 'text', array: true }) shelterCategories!: string[];
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
