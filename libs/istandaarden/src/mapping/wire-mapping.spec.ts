import { DebitCredit, FinancingVariant, Frequency, Unit } from '@vangnet/contracts';
import { readExample } from '../testdata/examples';
import { parseMessage } from '../message/parse-message';
import { omvangFromWire, omvangToWire, prestatieToWire } from './wire-mapping';

describe('wire mapping', () => {
  it('should map an Omvang to wire values and back, PIECE with its financing variant', () => {
    expect(omvangToWire({ volume: 4, eenheid: '04', frequentie: '2' })).toEqual({ volume: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK });
    const piece = omvangToWire({ volume: 1, eenheid: '82', frequentie: '6' });
    expect(piece).toEqual({ volume: 1, unit: Unit.PIECE, variant: FinancingVariant.OUTPUT, frequency: Frequency.TOTAL });
    expect(omvangFromWire(piece)).toEqual({ volume: 1, eenheid: '82', frequentie: '6' });
  });

  it('should give a 323 line in cents with our unit and debit/credit names', () => {
    const msg = parseMessage(readExample('iwmo-3.2/WMO323.xml'));
    if (msg.messageType !== '323') throw new Error('not a 323');
    expect(prestatieToWire(msg.declaratie.clienten[0].prestaties[0])).toEqual({
      category: '01',
      productCode: '01A03',
      volume: 4,
      unit: Unit.HOUR,
      tariffCents: 1250,
      amountCents: 5000,
      debitCredit: DebitCredit.DEBIT,
    });
  });
});
