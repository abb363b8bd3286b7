import { ClassConstructor } from 'class-transformer';
import * as access from './access/case-events';
import * as provisions from './access/provision-events';
import * as finance from './finance/finance-events';
import * as ceiling from './procurement/ceiling-events';
import * as stops from './procurement/client-stop-events';
import * as check from './procurement/contract-check.request';
import * as contract from './procurement/contract-events';
import * as subsidy from './procurement/subsidy-events';

export interface EventDefinition {
  subject: string;
  payload: ClassConstructor<object>;
  description: string;
}

export interface RequestDefinition {
  subject: string;
  request: ClassConstructor<object>;
  reply: ClassConstructor<object>[];
  description: string;
}

/** Every published event (wave 1). A published version never changes: add a v2 beside it. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  { subject: provisions.PROVISION_GRANTED_V1, payload: provisions.ProvisionGrantedV1, description: 'A provision (first version of a lineage) was granted' },
  { subject: provisions.PROVISION_CHANGED_V1, payload: provisions.ProvisionChangedV1, description: 'A new version of a provision applies from validFrom' },
  { subject: provisions.PROVISION_ENDED_V1, payload: provisions.ProvisionEndedV1, description: 'A provision lineage ends on endDate' },
  { subject: access.REGISTRATION_RECEIVED_V1, payload: access.RegistrationReceivedV1, description: 'A registration (melding) was received' },
  { subject: access.INVESTIGATION_COMPLETED_V1, payload: access.InvestigationCompletedV1, description: 'An investigation (onderzoek) was completed' },
  { subject: access.DECISION_ISSUED_V1, payload: access.DecisionIssuedV1, description: 'A decision (beschikking) was issued' },
  { subject: access.DEADLINE_BREACHED_V1, payload: access.DeadlineBreachedV1, description: 'A statutory deadline passed without the case being done' },
  { subject: access.PERSON_SAFETY_FLAG_CHANGED_V1, payload: access.PersonSafetyFlagChangedV1, description: 'A person’s safety flag was set or cleared' },
  { subject: contract.CONTRACT_ACTIVATED_V1, payload: contract.ContractActivatedV1, description: 'A contract became active' },
  { subject: contract.CONTRACT_CHANGED_V1, payload: contract.ContractChangedV1, description: 'A contract changed (products, tariffs, term, options)' },
  { subject: contract.CONTRACT_ENDED_V1, payload: contract.ContractEndedV1, description: 'A contract ended' },
  { subject: contract.TARIFF_PUBLISHED_V1, payload: contract.TariffPublishedV1, description: 'A tariff for a contracted product and year was published' },
  { subject: contract.OPTION_DEADLINE_APPROACHING_V1, payload: contract.OptionDeadlineApproachingV1, description: 'A contract option’s decision deadline is within 3 months' },
  { subject: subsidy.SUBSIDY_GRANTED_V1, payload: subsidy.SubsidyGrantedV1, description: 'A subsidy was granted to an organisation, with its instalments' },
  { subject: stops.CLIENT_STOP_SET_V1, payload: stops.ClientStopSetV1, description: 'A client stop was set' },
  { subject: stops.CLIENT_STOP_LIFTED_V1, payload: stops.ClientStopLiftedV1, description: 'A client stop was lifted' },
  { subject: ceiling.CEILING_THRESHOLD_REACHED_V1, payload: ceiling.CeilingThresholdReachedV1, description: 'Spend reached 70, 90 or 100 % of a ceiling' },
  { subject: finance.SPEND_REPORTED_V1, payload: finance.SpendReportedV1, description: 'Cumulative approved spend per provider, municipality and year' },
  { subject: finance.BUDGET_EXHAUSTION_ALERT_V1, payload: finance.BudgetExhaustionAlertV1, description: 'A budget line passed an exhaustion threshold' },
];

export const REQUEST_CATALOGUE: readonly RequestDefinition[] = [
  {
    subject: check.CONTRACT_CHECK,
    request: check.ContractCheckRequest,
    reply: [check.ContractCheckApproval, check.ContractCheckRefusal],
    description: 'May this provider deliver this product for this (paying) municipality on this date?',
  },
  {
    subject: check.TARIFF_GET,
    request: check.TariffGetRequest,
    reply: [check.TariffGetReply],
    description: 'The contract tariff in force on a date',
  },
];

export function eventDefinition(subject: string): EventDefinition | undefined {
  return EVENT_CATALOGUE.find((e) => e.subject === subject);
}
