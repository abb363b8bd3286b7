import { ContractOptionStatus, ContractStatus, FinancingVariant, IsoDate, Unit } from '@vangnet/contracts';
import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { ExtensionEvaluation } from './contracts.dto';

// The contracts feature's tables (migration ProcurementInit1763000000000); the drift test holds them together.

/** A contract with one provider: its term, status and revision. Municipalities, options and products hang below it. */
@Entity('contract')
@Index('contract_provider_idx', ['providerAgb'])
@Check('contract_check', 'term_end >= term_start')
export class ContractEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', unique: true }) reference!: string;
  @Column({ type: 'text' }) @ForeignKey('provider') providerAgb!: string;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('procurement_round') roundId!: string | null;
  @Column({ type: 'text', nullable: true }) lot!: string | null;
  @Column({ type: 'date' }) termStart!: IsoDate;
  @Column({ type: 'date' }) termEnd!: IsoDate;
  /** The end before any option was exercised or the contract ended early. */
  @Column({ type: 'date' }) initialEnd!: IsoDate;
  @Column({ type: 'text' }) status!: ContractStatus;
  @Column({ type: 'date', nullable: true }) endedOn!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) endReason!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) subcontractors!: string[];
  @Column({ type: 'integer', default: 1 }) revision!: number;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** Not a column: the repository joins the contract's municipalities in the same query. */
  municipalityRows?: ContractMunicipalityEntity[];
  /** Not a column: the repository joins the contract's options in the same query. */
  optionRows?: ContractOptionEntity[];
}

/** A municipality a contract serves (joint regional procurement). */
@Entity('contract_municipality')
@Index('contract_municipality_idx', ['municipality'])
export class ContractMunicipalityEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('contract', { onDelete: 'CASCADE' }) contractId!: string;
  @PrimaryColumn({ type: 'text' }) municipality!: string;
}

/** An option to extend the contract, decided before its deadline. */
@Entity('contract_option')
@Index('contract_option_open_idx', ['decisionDeadline'], { where: "status = 'OPEN'" })
export class ContractOptionEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('contract', { onDelete: 'CASCADE' }) contractId!: string;
  /** 1, 2, …: the order in which options are exercised. */
  @PrimaryColumn({ type: 'integer', name: 'idx' }) index!: number;
  @Column({ type: 'date' }) extendsTo!: IsoDate;
  @Column({ type: 'date' }) decisionDeadline!: IsoDate;
  @Column({ type: 'text' }) status!: ContractOptionStatus;
  @Column({ type: 'date', nullable: true }) decidedOn!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'jsonb', nullable: true }) evaluation!: ExtensionEvaluation | null;
  @Column({ type: 'timestamptz', nullable: true }) notifiedAt!: Date | null;
}

/** A product a contract covers: a catalogue code, or a whole category when `code` is ''. */
@Entity('contracted_product')
@Unique(['contractId', 'category', 'code'])
export class ContractedProductEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('contract', { onDelete: 'CASCADE' }) contractId!: string;
  @Column({ type: 'text' }) category!: string;
  /** '' = the whole category (an aspecific product). */
  @Column({ type: 'text', default: '' }) code!: string;
  @Column({ type: 'text' }) variant!: FinancingVariant;
  @Column({ type: 'text' }) unit!: Unit;
  @Column({ type: 'boolean', default: false }) crisis!: boolean;
  /** Yearly indexation in basis points for years without an agreed tariff. */
  @Column({ type: 'integer', nullable: true }) indexationBp!: number | null;
  /** Not a column: the repository joins the product's tariffs in the same query. */
  tariffRows?: ContractTariffEntity[];
}

/** The agreed tariff of a contracted product for one year. */
@Entity('contract_tariff')
@Check('contract_tariff_tariff_cents_check', 'tariff_cents >= 0')
export class ContractTariffEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('contracted_product', { onDelete: 'CASCADE' }) productId!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @Column({ type: 'bigint', transformer: centsTransformer }) tariffCents!: number;
}

export const CONTRACT_ENTITIES = [ContractEntity, ContractMunicipalityEntity, ContractOptionEntity, ContractedProductEntity, ContractTariffEntity];
