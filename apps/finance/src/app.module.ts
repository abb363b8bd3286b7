import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { BUDGET_ENTITIES } from './budgets/budgets.entity';
import { BudgetsModule } from './budgets/budgets.module';
import { COMMITMENT_ENTITIES } from './commitments/commitments.entity';
import { CommitmentsModule } from './commitments/commitments.module';
import { FinanceInit1760000000000 } from './database/migrations/1760000000000-finance-init';
import { DeclarationReceiptsAndPlacements1770000000000 } from './database/migrations/1770000000000-declaration-receipts-and-placements';
import { PartlyPricedCommitments1780000000000 } from './database/migrations/1780000000000-partly-priced-commitments';
import { Programmes1790000000000 } from './database/migrations/1790000000000-programmes';
import { DECLARATION_ENTITIES } from './declarations/declarations.entity';
import { DeclarationsModule } from './declarations/declarations.module';
import { FUND_ENTITIES } from './funds/funds.entity';
import { FundsModule } from './funds/funds.module';
import { PAYMENT_ENTITIES } from './payments/payments.entity';
import { PaymentsModule } from './payments/payments.module';
import { PlacementEntity } from './placements/placements.entity';
import { PlacementsModule } from './placements/placements.module';
import { PROGRAMME_ENTITIES } from './programmes/programmes.entity';
import { ProgrammesModule } from './programmes/programmes.module';
import { ReportsModule } from './reports/reports.module';
import { SettlementsModule } from './settlements/settlements.module';
import { SUBSIDY_ENTITIES } from './subsidies/subsidies.entity';
import { SubsidiesModule } from './subsidies/subsidies.module';
import { TariffEntity } from './tariffs/tariffs.entity';
import { TariffsModule } from './tariffs/tariffs.module';

/** Every table of the finance schema, feature by feature (ADR 0007). */
export const FINANCE_ENTITIES = [TariffEntity, ...BUDGET_ENTITIES, ...FUND_ENTITIES, ...COMMITMENT_ENTITIES, ...DECLARATION_ENTITIES, ...SUBSIDY_ENTITIES, ...PAYMENT_ENTITIES, PlacementEntity, ...PROGRAMME_ENTITIES];

@Module({
  imports: [
    PlatformModule.forService({
      service: 'finance',
      entities: FINANCE_ENTITIES,
      migrations: [FinanceInit1760000000000, DeclarationReceiptsAndPlacements1770000000000, PartlyPricedCommitments1780000000000, Programmes1790000000000],
      messaging: { batchSize: Number(process.env.FINANCE_EVENT_BATCH ?? 500) },
    }),
    TariffsModule,
    BudgetsModule,
    FundsModule,
    CommitmentsModule,
    DeclarationsModule,
    PaymentsModule,
    PlacementsModule,
    ReportsModule,
    SettlementsModule,
    SubsidiesModule,
    ProgrammesModule,
  ],
})
export class AppModule {}
