import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { BudgetDomain, BudgetKind } from './budgets.rules';

// The budgets feature's tables (migration FinanceInit1760000000000); the drift test holds them together.

/** A budget per municipality × year × domain × kind; `version` is its ETag (a line added bumps it). */
@Entity('budget')
@Unique(['municipality', 'year', 'domain', 'kind'])
@Check('budget_domain_check', "domain IN ('WMO', 'JEUGD', 'MAATSCHAPPELIJKE_ZORG')")
@Check('budget_kind_check', "kind IN ('STRUCTURAL', 'INCIDENTAL')")
export class BudgetEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  domain!: BudgetDomain;

  @Column({ type: 'text' })
  kind!: BudgetKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A line of a budget: the categories and product codes it pays for (none: a catch-all of its domain). */
@Entity('budget_line')
@Unique(['budgetId', 'position'])
@Check('budget_line_amount_cents_check', 'amount_cents >= 0')
export class BudgetLineEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  budgetId!: string;

  @ManyToOne(() => BudgetEntity)
  @JoinColumn({ name: 'budget_id' })
  budget?: BudgetEntity;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  productCodes!: string[];

  @Column({ type: 'text', nullable: true })
  programme!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** An exhaustion alert raised for a line: once per threshold (80, 90, 100 %). */
@Entity('budget_alert')
export class BudgetAlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  budgetLineId!: string;

  @ManyToOne(() => BudgetLineEntity)
  @JoinColumn({ name: 'budget_line_id' })
  budgetLine?: BudgetLineEntity;

  @PrimaryColumn({ type: 'integer' })
  threshold!: number;

  @Column({ type: 'integer' })
  percent!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  forecastCents!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  budgetCents!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;
}

/** A municipality-year whose figures changed (`BudgetMonitor.markDirty`); `seq` guards against lost marks. */
@Entity('budget_dirty')
export class BudgetDirtyEntity {
  @PrimaryColumn({ type: 'text' })
  municipality!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'bigint', default: 1 })
  seq!: number;
}

export const BUDGET_ENTITIES = [BudgetEntity, BudgetLineEntity, BudgetAlertEntity, BudgetDirtyEntity];
