import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { BudgetsModule } from './budgets/budgets.module';
import { CommitmentsModule } from './commitments/commitments.module';
import { FinanceInit1760000000000 } from './database/migrations/1760000000000-finance-init';
import { DeclarationsModule } from './declarations/declarations.module';
import { FundsModule } from './funds/funds.module';
import { PaymentsModule } from './payments/payments.module';
import { ReportsModule } from './reports/reports.module';
import { SettlementsModule } from './settlements/settlements.module';
import { TariffsModule } from './tariffs/tariffs.module';

@Module({
  imports: [
    PlatformModule.forService({ service: 'finance', migrations: [FinanceInit1760000000000], messaging: { batchSize: Number(process.env.FINANCE_EVENT_BATCH ?? 500) } }),
    TariffsModule,
    BudgetsModule,
    FundsModule,
    CommitmentsModule,
    DeclarationsModule,
    PaymentsModule,
    ReportsModule,
    SettlementsModule,
  ],
})
export class AppModule {}
