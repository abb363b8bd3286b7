import { Law } from '@vangnet/contracts';

/**
 * Purposes and legal bases for the processing log (AVG art. 30): why access reads or changes a
 * resident's data. The legal basis follows the law the case falls under.
 */
export enum Purpose {
  IDENTIFY = 'Identify the resident for access to support (toegang)',
  REGISTRATION = 'Handle a registration (melding) of a need for support',
  INVESTIGATION = 'Investigate the need for support (onderzoek)',
  APPLICATION = 'Handle an application (aanvraag)',
  DECISION = 'Decide on an application and grant provisions (beschikking)',
  PROVISION = 'Manage a granted provision',
  OBJECTION = 'Handle an objection (bezwaar)',
  REFERRAL = 'Refer or escalate a case to another chain',
  HOUSEHOLD = 'Record the household as the unit of support',
  SAFETY = 'Protect a resident with a safety flag',
  DEADLINE = 'Monitor statutory terms',
}

const WMO = 'Wmo 2015 art. 5.1.1 (incl. BSN and health data for the tasks of ch. 2)';
const JEUGDWET = 'Jeugdwet art. 7.4.0';
const AWB_OBJECTION = 'Awb art. 7:1 and 7:10 with Wmo 2015 art. 5.1.1 / Jeugdwet art. 7.4.0';

export function legalBasis(law?: Law | string | null, purpose?: Purpose): string {
  if (purpose === Purpose.OBJECTION) return AWB_OBJECTION;
  return law === Law.JEUGDWET ? JEUGDWET : law === Law.WMO ? WMO : `${WMO}; ${JEUGDWET}`;
}
