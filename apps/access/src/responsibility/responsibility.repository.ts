import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { IsNull, Repository } from 'typeorm';
import { DecisionMandateEntity, ResponsibilityRuleSetEntity } from './responsibility.entity';
import { RuleSetScope } from './responsibility.rules';

export type NewRuleSet = Omit<ResponsibilityRuleSetEntity, 'createdAt' | 'withdrawnAt' | 'withdrawnReason'>;
export type NewMandate = Omit<DecisionMandateEntity, 'createdAt'>;

// One lock per change of the rule sets: the overlap check and the insert see the same rows.
const RULE_SET_LOCK = 'access.responsibility_rule_set';

@Injectable()
export class ResponsibilityRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get ruleSets(): Repository<ResponsibilityRuleSetEntity> {
    return this.txHost.tx.getRepository(ResponsibilityRuleSetEntity);
  }

  private get mandates(): Repository<DecisionMandateEntity> {
    return this.txHost.tx.getRepository(DecisionMandateEntity);
  }

  /** The rule sets in force or to come (withdrawn ones only with `withdrawn`). */
  all(withdrawn = false): Promise<ResponsibilityRuleSetEntity[]> {
    return this.ruleSets.find({ where: withdrawn ? {} : { withdrawnAt: IsNull() }, order: { scope: 'ASC', validFrom: 'ASC' } });
  }

  async lock(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [RULE_SET_LOCK]);
  }

  async insert(r: NewRuleSet): Promise<void> {
    await this.ruleSets.insert(r);
  }

  /** An open-ended rule set of the scope that started before `from` ends the day before it. */
  async closeOpenBefore(scope: RuleSetScope, from: IsoDate, to: IsoDate): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE responsibility_rule_set SET valid_to = $3 WHERE scope = $1 AND valid_from < $2 AND valid_to IS NULL AND withdrawn_at IS NULL`,
      [scope, from, to],
    );
  }

  allMandates(): Promise<DecisionMandateEntity[]> {
    return this.mandates.find({ order: { mandatingMunicipality: 'ASC', validFrom: 'ASC' } });
  }

  async insertMandate(m: NewMandate): Promise<void> {
    await this.mandates.insert(m);
  }
}
