import { addWorkingDays, IsoDate, RequestRejectionReason, requestRejectionReasonToIstandaard } from '@vangnet/contracts';
import type { IstandaardMessage } from '@vangnet/istandaarden';
import { REQUEST_ANSWER_TERM_WORKING_DAYS } from '../archive/archive.rules';

/** The day a request's answer is due: 5 working days after receipt (iWmo/iJw 3.2; else a 319 "in onderzoek", TR360). */
export function answerDueOn(receivedOn: IsoDate): IsoDate {
  return addWorkingDays(receivedOn, REQUEST_ANSWER_TERM_WORKING_DAYS);
}

/** VerzoekAntwoord (WJ757): 1 refused, 2 under investigation. */
export type VerzoekAntwoord = '1' | '2';

/** The 319 (antwoordbericht) to a provider's 315 or 317, by its ReferentieAanbieder. */
export function build319(input: {
  standard: 'iwmo' | 'ijw';
  sender: string;
  providerAgb: string;
  identificatie: string;
  dagtekening: IsoDate;
  providerReference: string;
  answer: VerzoekAntwoord;
  rejectionReason?: RequestRejectionReason;
}): IstandaardMessage {
  return {
    standard: input.standard,
    messageType: '319',
    header: {
      berichtCode: input.standard === 'iwmo' ? '482' : '488',
      berichtVersie: 3,
      berichtSubversie: 2,
      afzender: input.sender,
      ontvanger: input.providerAgb,
      berichtIdentificatie: { identificatie: input.identificatie, dagtekening: input.dagtekening },
      xsdVersie: { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' },
    },
    antwoord: {
      referentieAanbieder: input.providerReference,
      verzoekAntwoord: input.answer,
      ...(input.answer === '1' && input.rejectionReason ? { redenAfwijzingVerzoek: requestRejectionReasonToIstandaard(input.rejectionReason) } : {}),
    },
  } as unknown as IstandaardMessage;
}
