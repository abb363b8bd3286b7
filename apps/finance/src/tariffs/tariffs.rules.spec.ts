import { Unit } from '@vangnet/contracts';
import { TariffBook, TariffRow } from './tariffs.rules';

const row = (o: Partial<TariffRow>): TariffRow => ({
  contractId: 'c1',
  providerAgb: '98000001',
  municipalities: ['GM0546'],
  category: '02',
  code: '',
  year: 2026,
  unit: Unit.HOUR,
  variant: 'EFFORT',
  tariffCents: 6480,
  source: 'EVENT',
  ...o,
});
const key = { providerAgb: '98000001', municipality: 'GM0546', category: '02', code: '02A01', year: 2026, contractId: null };

describe(TariffBook.name, () => {
  it('should price a product code with its category’s tariff unless the code has its own', () => {
    const sut = new TariffBook([row({})]);
    expect(sut.find(key)?.tariffCents).toBe(6480);
    sut.add(row({ code: '02A01', tariffCents: 7000 }));
    expect(sut.find(key)?.tariffCents).toBe(7000);
  });

  it('should only use a contract of the paying municipality and prefer the provision’s own contract', () => {
    const sut = new TariffBook([row({ contractId: 'c2', tariffCents: 1 }), row({ contractId: 'c3', municipalities: ['GM0547'], tariffCents: 2 })]);
    expect(sut.find({ ...key, municipality: 'GM0547' })?.tariffCents).toBe(2);
    expect(sut.find({ ...key, municipality: 'GM0579' })).toBeUndefined();
    sut.add(row({ contractId: 'c9', tariffCents: 9 }));
    expect(sut.find({ ...key, contractId: 'c9' })?.tariffCents).toBe(9);
    expect(sut.find(key)?.tariffCents).toBe(1);
  });
});
