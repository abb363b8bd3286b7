import { ContractStatus, FinancingVariant, Unit } from '@vangnet/contracts';
import { CatalogueCheckView, CheckQuestion, ContractCheckView, evaluateCheck, ProviderCheckView } from './check.rules';

const aProduct = (overrides: Partial<ContractCheckView['products'][number]> = {}): ContractCheckView['products'][number] => ({
  category: '02',
  code: '02A01',
  variant: FinancingVariant.EFFORT,
  unit: Unit.HOUR,
  crisis: false,
  tariffs: [{ year: 2026, tariffCents: 6500 }],
  indexationBp: null,
  ...overrides,
});

const aContract = (overrides: Partial<ContractCheckView> = {}): ContractCheckView => ({
  id: 'c1',
  reference: 'K-1',
  status: ContractStatus.ACTIVE,
  start: '2026-01-01',
  end: '2026-12-31',
  municipalities: ['GM0546'],
  products: [aProduct()],
  ...overrides,
});

const aView = (overrides: Partial<ProviderCheckView> = {}): ProviderCheckView => ({ agb: '11110001', known: true, contracts: [aContract()], stops: [], ...overrides });
const catalogue: CatalogueCheckView = new Map([['02/02A01', [{ from: '2026-01-01', to: '2026-12-31' }]]]);
const q = (overrides: Partial<CheckQuestion> = {}): CheckQuestion => ({
  providerAgb: '11110001',
  municipality: 'GM0546',
  product: { category: '02', code: '02A01' },
  date: '2026-05-01',
  ...overrides,
});

describe(evaluateCheck.name, () => {
  it('should approve with the contract, variant, unit and tariff when everything holds', () => {
    expect(evaluateCheck(aView(), catalogue, q())).toEqual({ ok: true, contractId: 'c1', variant: 'EFFORT', unit: 'HOUR', tariffCents: 6500, crisis: false, year: 2026 });
  });

  it('should apply the precedence UNKNOWN_PROVIDER → NO_CONTRACT → CONTRACT_NOT_ACTIVE → PRODUCT_NOT_CONTRACTED → NO_TARIFF → CLIENT_STOP', () => {
    const stop = { id: 's1', municipality: 'GM0546', start: '2026-01-01', end: null };
    // Each view breaks every later rule too; the earliest must win.
    expect(evaluateCheck(aView({ known: false, contracts: [], stops: [stop] }), catalogue, q())).toMatchObject({ code: 'UNKNOWN_PROVIDER' });
    expect(evaluateCheck(aView({ stops: [stop] }), catalogue, q({ municipality: 'GM0547' }))).toMatchObject({ code: 'NO_CONTRACT' });
    expect(evaluateCheck(aView({ stops: [stop] }), catalogue, q({ date: '2027-01-01' }))).toMatchObject({ code: 'CONTRACT_NOT_ACTIVE' });
    expect(evaluateCheck(aView({ contracts: [aContract({ status: ContractStatus.DRAFT })] }), catalogue, q())).toMatchObject({ code: 'CONTRACT_NOT_ACTIVE' });
    expect(evaluateCheck(aView({ stops: [stop] }), catalogue, q({ product: { category: '03' } }))).toMatchObject({ code: 'PRODUCT_NOT_CONTRACTED' });
    const noTariff = aView({ contracts: [aContract({ products: [aProduct({ tariffs: [] })] })], stops: [stop] });
    expect(evaluateCheck(noTariff, catalogue, q())).toMatchObject({ code: 'NO_TARIFF' });
    expect(evaluateCheck(aView({ stops: [stop] }), catalogue, q())).toEqual({ ok: false, code: 'CLIENT_STOP', message: expect.any(String), clientStopId: 's1' });
  });

  it('should keep an ended contract answering for dates within its term', () => {
    expect(evaluateCheck(aView({ contracts: [aContract({ status: ContractStatus.ENDED })] }), catalogue, q())).toMatchObject({ ok: true });
  });

  it('should refuse a code that is not in the municipality’s catalogue on the date', () => {
    const lapsed: CatalogueCheckView = new Map([['02/02A01', [{ from: '2026-01-01', to: '2026-03-31' }]]]);
    expect(evaluateCheck(aView(), lapsed, q())).toMatchObject({ code: 'PRODUCT_NOT_CONTRACTED', message: expect.stringContaining('catalogue') });
  });

  it('should prefer the named code, fall back to a whole-category product, and refuse an ambiguous category', () => {
    const both = aContract({ products: [aProduct({ code: '', tariffs: [{ year: 2026, tariffCents: 1 }] }), aProduct({ code: '02A01', tariffs: [{ year: 2026, tariffCents: 2 }] })] });
    const withB1: CatalogueCheckView = new Map([...catalogue, ['02/02B01', [{ from: '2026-01-01', to: '2026-12-31' }]]]);
    expect(evaluateCheck(aView({ contracts: [both] }), withB1, q())).toMatchObject({ tariffCents: 2 });
    expect(evaluateCheck(aView({ contracts: [both] }), withB1, q({ product: { category: '02', code: '02B01' } }))).toMatchObject({ tariffCents: 1 });
    expect(evaluateCheck(aView({ contracts: [both] }), withB1, q({ product: { category: '02' } }))).toMatchObject({ tariffCents: 1 });
    const twoCodes = aContract({ products: [aProduct(), aProduct({ code: '02B01' })] });
    expect(evaluateCheck(aView({ contracts: [twoCodes] }), withB1, q({ product: { category: '02' } }))).toMatchObject({ code: 'PRODUCT_NOT_CONTRACTED' });
    expect(evaluateCheck(aView(), catalogue, q({ product: { category: '02' } }))).toMatchObject({ ok: true, tariffCents: 6500 });
  });

  it('should exempt crisis care from a client stop, by category 17 or by the contracted product', () => {
    const stop = { id: 's1', municipality: 'GM0546', start: '2026-01-01', end: '2026-12-31' };
    const crisis = aView({
      stops: [stop],
      contracts: [aContract({ products: [aProduct({ category: '17', code: '' }), aProduct({ category: '46', code: '', crisis: true }), aProduct({ category: '45', code: '' })] })],
    });
    expect(evaluateCheck(crisis, catalogue, q({ product: { category: '17' } }))).toMatchObject({ ok: true, crisis: true });
    expect(evaluateCheck(crisis, catalogue, q({ product: { category: '46' } }))).toMatchObject({ ok: true, crisis: true });
    expect(evaluateCheck(crisis, catalogue, q({ product: { category: '45' } }))).toMatchObject({ ok: false, code: 'CLIENT_STOP' });
    expect(evaluateCheck(crisis, catalogue, q({ product: { category: '45' } }), { ignoreClientStops: true })).toMatchObject({ ok: true });
  });
});
