import { centsTransformer } from '@vangnet/persistence';
import { ChangeReason, DeliveryForm, DeliveryReportStatus, EndReason, FinancingVariant, Frequency, IsoDate, Law, ResponsibilityReason, Unit } from '@vangnet/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

/** One assignment (iWmo ToewijzingNummer): its versions share it; `id` is the first version's id. */
@Entity('provision_lineage')
@Index('provision_lineage_person', ['personId'])
@Unique('provision_lineage_assignment_number', ['responsibleMunicipality', 'assignmentNumber'])
@Check('provision_lineage_assignment_number_check', 'assignment_number BETWEEN 1 AND 999999999')
export class ProvisionLineageEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @Column({ type: 'uuid' }) @ForeignKey('decision') decisionId!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'date' }) periodStart!: IsoDate;
  @Column({ type: 'text' }) responsibilityBasis!: ResponsibilityReason;
  @Column({ type: 'date', nullable: true }) clientSince!: IsoDate | null;
  /** The determination of who pays (DOMAIN.md "Responsible municipality"): the rule set and the inputs the rule (responsibilityBasis) read. */
  @Column({ type: 'uuid', nullable: true }) responsibilityRuleSetId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) responsibilityInputs!: Record<string, unknown> | null;
  @Column({ type: 'integer', default: 1 }) latestVersion!: number;
  @Column({ type: 'date', nullable: true }) endDate!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) endReason!: EndReason | null;
  @Column({ type: 'text', nullable: true }) endNote!: string | null;
  @Column({ type: 'integer', default: 1 }) rowVersion!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** Who pays, for the whole lineage: a change of payer starts a new lineage (issue 11). */
  @Column({ type: 'text' }) responsibleMunicipality!: string;
  /** The iWmo/iJw ToewijzingNummer, unique per paying municipality. */
  @Column({ type: 'integer' }) assignmentNumber!: number;
  /** The provider's request (exchange.assignment-request.received) the decision answered. */
  @Column({ type: 'uuid', nullable: true }) requestId!: string | null;
  /** Municipality of origin as access recorded it when the lineage started. */
  @Column({ type: 'text', nullable: true }) originMunicipality!: string | null;
}

/** The last assignment number each paying municipality gave out. */
@Entity('assignment_number_sequence')
export class AssignmentNumberSequenceEntity {
  @PrimaryColumn({ type: 'text' }) municipality!: string;
  @Column({ type: 'integer' }) lastNumber!: number;
}

/** A delivery a provider reported for a lineage (a 305 start, a 307 stop), one row per start date. */
@Entity('provision_delivery')
export class ProvisionDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('provision_lineage') lineageId!: string;
  @PrimaryColumn({ type: 'date' }) startDate!: IsoDate;
  @Column({ type: 'text' }) providerAgb!: string;
  @Column({ type: 'text', nullable: true }) startStatus!: DeliveryReportStatus | null;
  @Column({ type: 'date', nullable: true }) startReportedOn!: IsoDate | null;
  @Column({ type: 'date', nullable: true }) endDate!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) reasonCode!: string | null;
  @Column({ type: 'text', nullable: true }) reasonLaw!: Law | null;
  @Column({ type: 'text', nullable: true }) stopStatus!: DeliveryReportStatus | null;
  @Column({ type: 'date', nullable: true }) stopReportedOn!: IsoDate | null;
}

/** One version of a provision, from `validFrom` until the next version starts. */
@Entity('provision')
@Unique('provision_lineage_version', ['lineageId', 'version'])
@Index('provision_decision', ['decisionId'])
@Index('provision_provider', ['providerAgb', 'lineageId'], { where: 'provider_agb IS NOT NULL' })
@Index('provision_switch_due', ['responsibilitySwitchOn'], { where: 'responsibility_switch_on IS NOT NULL' })
export class ProvisionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('provision_lineage') lineageId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'date' }) validFrom!: IsoDate;
  @Column({ type: 'uuid' }) @ForeignKey('decision') decisionId!: string;
  @Column({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @Column({ type: 'uuid', nullable: true }) householdId!: string | null;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) responsibleMunicipality!: string;
  @Column({ type: 'text' }) responsibilityReason!: ResponsibilityReason;
  @Column({ type: 'date', nullable: true }) responsibilitySwitchOn!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) responsibilitySwitchError!: string | null;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', nullable: true }) productCode!: string | null;
  @Column({ type: 'text' }) deliveryForm!: DeliveryForm;
  @Column({ type: 'text', nullable: true }) providerAgb!: string | null;
  @Column({ type: 'integer', nullable: true }) volumeAmount!: number | null;
  @Column({ type: 'text', nullable: true }) volumeUnit!: Unit | null;
  @Column({ type: 'text', nullable: true }) volumeFrequency!: Frequency | null;
  @Column({ type: 'date' }) periodStart!: IsoDate;
  @Column({ type: 'date', nullable: true }) periodEnd!: IsoDate | null;
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer }) budgetCents!: number | null;
  @Column({ type: 'uuid', nullable: true }) contractId!: string | null;
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer }) tariffCents!: number | null;
  @Column({ type: 'text', nullable: true }) tariffUnit!: Unit | null;
  @Column({ type: 'text', nullable: true }) variant!: FinancingVariant | null;
  @Column({ type: 'boolean' }) crisis!: boolean;
  @Column({ type: 'text' }) law!: Law;
  @Column({ type: 'uuid', nullable: true }) previousProvisionId!: string | null;
  @Column({ type: 'text', nullable: true }) changeReason!: ChangeReason | null;
  @Column({ type: 'text' }) createdBySub!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
