import { Injectable, OnModuleInit } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { BudgetFiguresService } from '../budgets/budget-figures.service';
import { SpendEntity } from './declarations.entity';
import { CategoryCost, CostRow, DeclarationsRepository, PairCost, PairTotals, PayableDeclaration, PersonCost } from './declarations.repository';

/**
 * What the approved declaration lines add up to (net of credits), for the features that report on
 * them without reading the declarations' tables: budgets (realised per month), reports (cost per
 * client), settlements (who owes whom) and payments (what waits to be paid).
 */
@Injectable()
export class DeclarationFiguresService implements OnModuleInit {
  constructor(
    private readonly repo: DeclarationsRepository,
    private readonly budgets: BudgetFiguresService,
  ) {}

  /** Budgets measure their lines against what was realised. */
  onModuleInit(): void {
    this.budgets.provide('realised', (municipality, year) => this.repo.realisedByMonth(municipality, year));
  }

  /** A municipality's year (by the month delivered): approved cents and distinct residents, per category and in all. */
  costPerCategory(municipality: string, year: number): Promise<{ total: CostRow; categories: CategoryCost[] }> {
    return this.repo.costPerCategory(municipality, year);
  }

  /** These residents' approved cents per category and product period in a municipality's year. */
  costsOf(municipality: string, year: number, personIds: string[]): Promise<PersonCost[]> {
    return this.repo.costsOf(municipality, year, personIds);
  }

  /** What `payer` paid providers for care `responsible` is responsible for, delivered in [from, to]. */
  between(responsible: string, payer: string, from: IsoDate, to: IsoDate): Promise<PairTotals> {
    return this.repo.between(responsible, payer, from, to);
  }

  /** Costs per responsible municipality and who paid them, delivered in [from, to]. */
  matrix(from: IsoDate, to: IsoDate): Promise<PairCost[]> {
    return this.repo.matrix(from, to);
  }

  /** Assessed declarations to this municipality with a non-zero approved amount (the listed ones, or one provider's), oldest first. */
  payable(municipality: string, ids?: string[], providerAgb?: string): Promise<PayableDeclaration[]> {
    return this.repo.payable(municipality, ids, providerAgb);
  }

  /** Cumulative approved spend as reported to procurement (finance.spend.reported.v1); `municipalities` undefined: all. */
  spend(f: { providerAgb?: string; municipalities?: string[]; year?: number }): Promise<SpendEntity[]> {
    return this.repo.spendOf(f);
  }
}
