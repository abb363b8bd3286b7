import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { RuleSetView } from './responsibility.dto';

@Injectable()
export class ResponsibilityRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async all(): Promise<RuleSetView[]> {
    return this.txHost.tx.query(
      `SELECT id, valid_from AS "validFrom", regime, central_municipality AS "centralMunicipality",
              origin_period_months AS "originPeriodMonths", safety_net_municipality AS "safetyNetMunicipality",
              protected_housing_categories AS "protectedHousingCategories", shelter_categories AS "shelterCategories",
              note, created_by AS "createdBy"
         FROM responsibility_rule_set ORDER BY valid_from`,
    );
  }

  /** Inserts unless a rule set starts on that day already; returns whether it did. */
  async insert(r: RuleSetView): Promise<boolean> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO responsibility_rule_set (id, valid_from, regime, central_municipality, origin_period_months, safety_net_municipality,
              protected_housing_categories, shelter_categories, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (valid_from) DO NOTHING RETURNING id`,
      [
        r.id,
        r.validFrom,
        r.regime,
        r.centralMunicipality,
        r.originPeriodMonths,
        r.safetyNetMunicipality,
        r.protectedHousingCategories,
        r.shelterCategories,
        r.note,
        r.createdBy,
      ],
    );
    return rows.length === 1;
  }
}
