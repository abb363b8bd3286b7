import { ClassConstructor } from 'class-transformer';
import * as answered from './access/assignment-request-answered.v1';
import * as decreed from './access/calendar-day-decreed.v1';
import * as access from './access/case-events';
import * as household from './access/household-changed.v1';
import * as lifeDomain from './access/life-domain-changed.v1';
import * as comingOfAge from './access/person-coming-of-age.v1';
import * as identity from './access/person-identity.request';
import * as resolve from './access/person-resolve.request';
import * as provisions from './access/provision-events';
import * as registrationV2 from './access/registration-received.v2';
import * as handedOver from './care-plans/coordinator-handed-over.v1';
import * as outflow from './care-plans/outflow-ready.v1';
import * as planOpened from './care-plans/plan-opened.v1';
import * as signal from './care-plans/signal-raised.v1';
import * as processingLog from './common/processing-log-search.request';
import { serviceOfSubject } from './common/subjects';
import { ServiceName } from './common/envelope';
import * as requestReceived from './exchange/assignment-request-received.v1';
import * as declarationReceived from './exchange/declaration-received.v1';
import * as deliveryStarted from './exchange/delivery-started.v1';
import * as deliveryStopped from './exchange/delivery-stopped.v1';
import * as assessed from './finance/declaration-assessed.v1';
import * as finance from './finance/finance-events';
import * as partnerChanged from './gateway/partner-changed.v1';
import * as partnerRegistered from './gateway/partner-registered.v1';
import * as evictionClosed from './housing/eviction-signal-closed.v1';
import * as evictionReported from './housing/eviction-signal-reported.v1';
import * as lease from './housing/lease-signed.v1';
import * as nominationAnswered from './housing/nomination-answered.v1';
import * as nominationMade from './housing/nomination-made.v1';
import * as placementEnded from './housing/placement-ended.v1';
import * as placementStarted from './housing/placement-started.v1';
import * as waitlistEntered from './housing/waitlist-entered.v1';
import * as waitlistLeft from './housing/waitlist-left.v1';
import * as ceiling from './procurement/ceiling-events';
import * as stops from './procurement/client-stop-events';
import * as check from './procurement/contract-check.request';
import * as contract from './procurement/contract-events';
import * as subsidy from './procurement/subsidy-events';

/**
 * Every message of the platform: its subject, the class that is both its type and its runtime
 * check, the service that produces it (an event's publisher, a request's responder) and the
 * services that consume it (an event's subscribers, a request's callers). It says what the services
 * do, not what they might: the NATS permissions follow from it (libs/messaging nats-auth.ts), and
 * testing/catalogue-docs.spec.ts fails when it names a consumer whose sources do not handle the
 * subject, or a handler whose service it does not name. A new consumer is added with its handler.
 * A published version never changes incompatibly (compat/ and schemas/ hold it to that): add
 * optional fields, or a v2 beside it.
 */
export interface EventDefinition {
  kind: 'event';
  subject: string;
  payload: ClassConstructor<object>;
  producer: ServiceName;
  consumers: readonly ServiceName[];
  description: string;
}

export interface RequestDefinition {
  kind: 'request';
  subject: string;
  request: ClassConstructor<object>;
  reply: ClassConstructor<object>[];
  producer: ServiceName;
  consumers: readonly ServiceName[];
  description: string;
}

export type MessageDefinition = EventDefinition | RequestDefinition;

// The producer is the subject's first token (ARCHITECTURE §2: one stream per producing service).
function event(subject: string, payload: ClassConstructor<object>, consumers: readonly ServiceName[], description: string): EventDefinition {
  return { kind: 'event', subject, payload, producer: serviceOfSubject(subject), consumers, description };
}

function request(subject: string, req: ClassConstructor<object>, reply: ClassConstructor<object>[], consumers: readonly ServiceName[], description: string): RequestDefinition {
  return { kind: 'request', subject, request: req, reply, producer: serviceOfSubject(subject), consumers, description };
}

// Services that keep a read model of the partner registry (ARCHITECTURE §6: services learn it from
// its events): those with routes that honour an access role, which an ORG: team holds only as the
// registry says (O1; PlatformModule.forService's partnerTeams, ADR 0017). The other services read a
// partner's kind and scopes from its token; one that comes to need the registry adds its handler
// and its name here together.
const PARTNER_REGISTRY_READERS: readonly ServiceName[] = ['access', 'care-plans', 'exchange'];

/** Every published event. A published version never changes incompatibly: add a v2 beside it. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  // access, wave 1
  event(provisions.PROVISION_GRANTED_V1, provisions.ProvisionGrantedV1, ['finance', 'care-plans', 'housing', 'exchange', 'gateway'], 'A provision (first version of a lineage) was granted'),
  event(provisions.PROVISION_CHANGED_V1, provisions.ProvisionChangedV1, ['finance', 'care-plans', 'housing', 'exchange', 'gateway'], 'A new version of a provision applies from validFrom'),
  event(provisions.PROVISION_ENDED_V1, provisions.ProvisionEndedV1, ['finance', 'care-plans', 'housing', 'exchange', 'gateway'], 'A provision lineage ends on endDate'),
  event(access.REGISTRATION_RECEIVED_V1, access.RegistrationReceivedV1, [], 'A registration (melding) was received (Wmo cases; see v2)'),
  event(access.INVESTIGATION_COMPLETED_V1, access.InvestigationCompletedV1, [], 'An investigation (onderzoek) was completed'),
  event(access.DECISION_ISSUED_V1, access.DecisionIssuedV1, [], 'A decision (beschikking) was issued'),
  event(access.DEADLINE_BREACHED_V1, access.DeadlineBreachedV1, [], 'A statutory deadline passed without the case being done'),
  // The exchange reads the flag with each identity it asks for (access.person.identity.get), at the moment it sends.
  event(access.PERSON_SAFETY_FLAG_CHANGED_V1, access.PersonSafetyFlagChangedV1, ['housing', 'gateway'], 'A person’s safety flag was set or cleared'),
  // access, wave 2
  event(registrationV2.REGISTRATION_RECEIVED_V2, registrationV2.RegistrationReceivedV2, [], 'A registration was received, with its law; investigationDue for Wmo only'),
  event(household.HOUSEHOLD_CHANGED_V1, household.HouseholdChangedV1, ['care-plans', 'housing'], 'A household changed: all its memberships, no names'),
  event(comingOfAge.PERSON_COMING_OF_AGE_V1, comingOfAge.PersonComingOfAgeV1, ['care-plans'], 'A young person with youth care turns 18'),
  event(lifeDomain.LIFE_DOMAIN_CHANGED_V1, lifeDomain.LifeDomainChangedV1, ['care-plans'], 'A life domain of the region and its scale changed'),
  event(decreed.CALENDAR_DAY_DECREED_V1, decreed.CalendarDayDecreedV1, [], 'A day was equated with the public holidays by Royal Decree (Atw art. 3 lid 3)'),
  event(answered.ASSIGNMENT_REQUEST_ANSWERED_V1, answered.AssignmentRequestAnsweredV1, ['exchange'], 'A provider’s request for an assignment or a change was answered'),
  // procurement
  event(contract.CONTRACT_ACTIVATED_V1, contract.ContractActivatedV1, [], 'A contract became active'),
  event(contract.CONTRACT_CHANGED_V1, contract.ContractChangedV1, [], 'A contract changed (products, tariffs, term, options)'),
  event(contract.CONTRACT_ENDED_V1, contract.ContractEndedV1, [], 'A contract ended'),
  event(contract.TARIFF_PUBLISHED_V1, contract.TariffPublishedV1, ['finance'], 'A tariff for a contracted product and year was published'),
  event(contract.OPTION_DEADLINE_APPROACHING_V1, contract.OptionDeadlineApproachingV1, [], 'A contract option’s decision deadline is within 3 months'),
  event(subsidy.SUBSIDY_GRANTED_V1, subsidy.SubsidyGrantedV1, ['finance'], 'A subsidy was granted to an organisation, with its instalments'),
  event(stops.CLIENT_STOP_SET_V1, stops.ClientStopSetV1, [], 'A client stop was set'),
  event(stops.CLIENT_STOP_LIFTED_V1, stops.ClientStopLiftedV1, [], 'A client stop was lifted'),
  event(ceiling.CEILING_THRESHOLD_REACHED_V1, ceiling.CeilingThresholdReachedV1, [], 'Spend reached 70, 90 or 100 % of a ceiling'),
  // finance
  event(finance.SPEND_REPORTED_V1, finance.SpendReportedV1, ['procurement'], 'Cumulative approved spend per provider, municipality and year'),
  event(finance.BUDGET_EXHAUSTION_ALERT_V1, finance.BudgetExhaustionAlertV1, [], 'A budget line passed an exhaustion threshold'),
  event(assessed.DECLARATION_ASSESSED_V1, assessed.DeclarationAssessedV1, ['exchange', 'gateway'], 'A declaration was assessed line by line (the 325’s content)'),
  // housing
  event(waitlistEntered.WAITLIST_ENTERED_V1, waitlistEntered.WaitlistEnteredV1, [], 'A resident entered the waiting list for a facility type'),
  event(waitlistLeft.WAITLIST_LEFT_V1, waitlistLeft.WaitlistLeftV1, [], 'A waiting-list entry left the list'),
  event(placementStarted.PLACEMENT_STARTED_V1, placementStarted.PlacementStartedV1, ['finance'], 'A resident moved into a place'),
  event(placementEnded.PLACEMENT_ENDED_V1, placementEnded.PlacementEndedV1, ['finance'], 'A placement ended, with the destination'),
  event(nominationMade.NOMINATION_MADE_V1, nominationMade.NominationMadeV1, ['gateway'], 'A resident was nominated to a corporation (webhook, no care data)'),
  event(nominationAnswered.NOMINATION_ANSWERED_V1, nominationAnswered.NominationAnsweredV1, ['gateway'], 'A corporation answered a nomination (webhook, no care data)'),
  event(lease.LEASE_SIGNED_V1, lease.LeaseSignedV1, ['access'], 'A resident signed a lease in their own name'),
  event(evictionReported.EVICTION_SIGNAL_REPORTED_V1, evictionReported.EvictionSignalReportedV1, ['gateway'], 'An eviction risk was reported'),
  event(evictionClosed.EVICTION_SIGNAL_CLOSED_V1, evictionClosed.EvictionSignalClosedV1, ['gateway'], 'An eviction signal was closed with its outcome'),
  // care plans
  event(planOpened.PLAN_OPENED_V1, planOpened.PlanOpenedV1, [], 'A household’s plan was opened with its coordinator'),
  event(handedOver.COORDINATOR_HANDED_OVER_V1, handedOver.CoordinatorHandedOverV1, [], 'A plan’s coordination was handed over'),
  event(outflow.OUTFLOW_READY_V1, outflow.OutflowReadyV1, ['housing'], 'A resident is ready to move on to independent housing'),
  event(signal.SIGNAL_RAISED_V1, signal.SignalRaisedV1, [], 'A signal on a plan (review overdue, coming of age, fragmentation, outflow ready)'),
  // exchange
  event(deliveryStarted.DELIVERY_STARTED_V1, deliveryStarted.DeliveryStartedV1, ['access'], 'A provider reported the start of care (305)'),
  event(deliveryStopped.DELIVERY_STOPPED_V1, deliveryStopped.DeliveryStoppedV1, ['access'], 'A provider reported the end of care (307)'),
  event(requestReceived.ASSIGNMENT_REQUEST_RECEIVED_V1, requestReceived.AssignmentRequestReceivedV1, ['access'], 'A provider asked for an assignment or a change, one event per product (315/317)'),
  event(declarationReceived.DECLARATION_RECEIVED_V1, declarationReceived.DeclarationReceivedV1, ['finance', 'gateway'], 'A provider’s declaration (323), its lines in the object store'),
  // gateway
  event(partnerRegistered.PARTNER_REGISTERED_V1, partnerRegistered.PartnerRegisteredV1, PARTNER_REGISTRY_READERS, 'A partner organisation was registered'),
  event(partnerChanged.PARTNER_CHANGED_V1, partnerChanged.PartnerChangedV1, PARTNER_REGISTRY_READERS, 'A registered partner changed'),
];

/** Every request/reply. A request subject has no version: its classes only grow, like an event's. */
export const REQUEST_CATALOGUE: readonly RequestDefinition[] = [
  request(check.CONTRACT_CHECK, check.ContractCheckRequest, [check.ContractCheckApproval, check.ContractCheckRefusal], ['access', 'care-plans'], 'May this provider deliver this product for this (paying) municipality on this date?'),
  request(check.TARIFF_GET, check.TariffGetRequest, [check.TariffGetReply], ['finance', 'exchange'], 'The contract tariff in force on a date'),
  request(identity.PERSON_IDENTITY_GET, identity.PersonIdentityRequest, [identity.PersonIdentityReply], ['exchange', 'housing'], 'A resident’s identity as a municipality knows them (logged with its purpose)'),
  request(resolve.PERSON_RESOLVE, resolve.PersonResolveRequest, [resolve.PersonResolveReply], ['exchange'], 'The person for a BSN in a municipality, linked or created'),
  // Every service's processing log, gathered by access for a resident's access log (AVG art. 15, ADR 0012).
  ...processingLog.PROCESSING_LOG_RESPONDERS.map((service) =>
    request(processingLog.processingLogSearchSubject(service), processingLog.ProcessingLogSearchRequest, [processingLog.ProcessingLogSearchReply], ['access'], `${service}’s processing-log records about one resident, for the auditor’s municipalities`),
  ),
];

export const MESSAGE_CATALOGUE: readonly MessageDefinition[] = [...EVENT_CATALOGUE, ...REQUEST_CATALOGUE];

export function eventDefinition(subject: string): EventDefinition | undefined {
  return EVENT_CATALOGUE.find((e) => e.subject === subject);
}

export function requestDefinition(subject: string): RequestDefinition | undefined {
  return REQUEST_CATALOGUE.find((r) => r.subject === subject);
}
