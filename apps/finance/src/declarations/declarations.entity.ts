import { DebitCredit, Unit } from '@vangnet/contracts';
import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

// The declarations feature's tables (migration FinanceInit1760000000000).

/** A provider's declaration (iWmo 323) with its totals; the lines carry each outcome. */
@Entity('declaration')
@Unique(['providerAgb', 'declarationNumber'])
@Index('declaration_municipality', ['municipality', 'receivedAt'])
export class DeclarationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  providerAgb!: string;

  /** The municipality it is sent to: it assigned the care and pays the provider. */
  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  declarationNumber!: string;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'date' })
  receivedOn!: string;

  /** The answer term: 10 working days after receipt. */
  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'text' })
  submittedBy!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer' })
  lineCount!: number;

  @Column({ type: 'integer' })
  approvedCount!: number;

  @Column({ type: 'integer' })
  rejectedCount!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  submittedDebitCents!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  submittedCreditCents!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  approvedDebitCents!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  approvedCreditCents!: number;
}

/** One assessed line (prestatie) of a declaration; written by COPY (ADR 0007). */
@Entity('declaration_line')
@Index('declaration_line_reference', ['providerAgb', 'reference'], { unique: true, where: 'reference_owner' })
@Index('declaration_line_lineage', ['lineageId'])
@Index('declaration_line_credit', ['providerAgb', 'previousReference'], { where: "debit_credit = 'CREDIT' AND approved" })
@Index('declaration_line_responsible', ['responsibleMunicipality', 'periodStart'], { where: 'approved' })
@Check('declaration_line_debit_credit_check', "debit_credit IN ('DEBIT', 'CREDIT')")
export class DeclarationLineEntity {
  @PrimaryColumn({ type: 'uuid' })
  declarationId!: string;

  @PrimaryColumn({ type: 'integer' })
  lineNo!: number;

  @Column({ type: 'text' })
  providerAgb!: string;

  /** The municipality the declaration was sent to (it paid the provider). */
  @Column({ type: 'text' })
  payerMunicipality!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text', nullable: true })
  previousReference!: string | null;

  /** False when the reference duplicates an earlier one (it stays owned by the first). */
  @Column({ type: 'boolean' })
  referenceOwner!: boolean;

  @Column({ type: 'uuid' })
  submittedProvisionId!: string;

  @Column({ type: 'uuid' })
  lineageId!: string;

  @Column({ type: 'uuid' })
  provisionId!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  responsibleMunicipality!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text', nullable: true })
  productCode!: string | null;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'bigint' })
  volume!: number;

  @Column({ type: 'text' })
  unit!: Unit;

  @Column({ type: 'bigint', transformer: centsTransformer })
  tariffCents!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'text' })
  debitCredit!: DebitCredit;

  @Column({ type: 'boolean' })
  approved!: boolean;

  @Column({ type: 'text', array: true })
  reasons!: string[];

  /** Signed: debit +, credit −; 0 when rejected. */
  @Column({ type: 'bigint', transformer: centsTransformer })
  approvedCents!: number;

  @Column({ type: 'text', nullable: true })
  countUnit!: Unit | null;

  @Column({ type: 'bigint' })
  countedVolume!: number;
}

/** Cumulative approved spend per provider × responsible municipality × year, and its report sequence. */
@Entity('spend')
export class SpendEntity {
  @PrimaryColumn({ type: 'text' })
  providerAgb!: string;

  @PrimaryColumn({ type: 'text' })
  municipality!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  spendCents!: number;

  @Column({ type: 'integer' })
  sequence!: number;
}

/** A declaration by reference from the exchange, once: assessed, or refused whole with the header's retour codes. */
@Entity('declaration_receipt')
@Check('declaration_receipt_outcome_check', "outcome IN ('ASSESSED', 'REFUSED')")
export class DeclarationReceiptEntity {
  /** The exchange's id for the declaration (exchange.declaration.received.v1 `declarationRef`). */
  @PrimaryColumn({ type: 'uuid' })
  declarationRef!: string;

  /** The declaration it became, or the id its refusal was answered under. */
  @Column({ type: 'uuid' })
  declarationId!: string;

  @Column({ type: 'text' })
  providerAgb!: string;

  @Column({ type: 'text' })
  declarationNumber!: string;

  @Column({ type: 'text' })
  outcome!: 'ASSESSED' | 'REFUSED';

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  retourCodes!: string[];

  @Column({ type: 'text', nullable: true })
  rejectedObjectName!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

export const DECLARATION_ENTITIES = [DeclarationEntity, DeclarationLineEntity, SpendEntity, DeclarationReceiptEntity];
