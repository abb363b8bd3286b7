import { Injectable, Logger } from '@nestjs/common';
import { CommonErrorCode, TARIFF_GET, TariffGetReply, TariffGetRequest } from '@vangnet/contracts';
import { RpcClient, RpcRequestError } from '@vangnet/messaging';
import { PublishedTariff, TariffsRepository } from './tariffs.repository';
import { TariffBook, tariffKeyString, TariffNeed, TariffRow } from './tariffs.rules';

export interface FillResult {
  /** Procurement could not be asked (no responder, timeout): try again later. */
  unavailable: boolean;
  /** Keys procurement answered with a refusal (no contract, no tariff for that year, …), with its code. */
  refused: Map<string, string>;
}

const UNAVAILABLE_CODES = new Set<string>([CommonErrorCode.NO_RESPONDER, CommonErrorCode.TIMEOUT, CommonErrorCode.UNAVAILABLE, CommonErrorCode.INTERNAL]);

/**
 * Contract tariffs per year: finance's read model of procurement.tariff.published, and
 * procurement.tariff.get for a tariff the read model does not hold yet (the answer is kept).
 */
@Injectable()
export class TariffsService {
  private readonly logger = new Logger(TariffsService.name);

  constructor(
    private readonly repo: TariffsRepository,
    private readonly rpc: RpcClient,
  ) {}

  /** Keep a tariff procurement published; false when a later publication is already in. */
  store(t: PublishedTariff): Promise<boolean> {
    return this.repo.upsert(t);
  }

  async book(providerAgbs: Iterable<string>): Promise<TariffBook> {
    return new TariffBook(await this.repo.forProviders([...new Set(providerAgbs)]));
  }

  /** Ask procurement for the tariffs the book lacks; answers go into the book and the read model. */
  async fill(book: TariffBook, needs: TariffNeed[], timeoutMs = 1500): Promise<FillResult> {
    const result: FillResult = { unavailable: false, refused: new Map() };
    const seen = new Set<string>();
    for (const need of needs) {
      const id = tariffKeyString(need.key);
      if (seen.has(id) || book.find(need.key)) continue;
      seen.add(id);
      const { key } = need;
      const request: TariffGetRequest = {
        providerAgb: key.providerAgb,
        municipality: key.municipality,
        product: key.code ? { category: key.category as TariffGetRequest['product']['category'], code: key.code } : { category: key.category as TariffGetRequest['product']['category'] },
        date: need.date,
      };
      try {
        const reply = await this.rpc.request<TariffGetReply>(TARIFF_GET, request, { reply: TariffGetReply, timeoutMs });
        const row: TariffRow = {
          contractId: reply.contractId,
          providerAgb: key.providerAgb,
          municipalities: [key.municipality],
          category: key.category,
          code: key.code,
          year: key.year,
          unit: reply.unit,
          variant: reply.variant,
          tariffCents: reply.tariffCents,
          source: 'RPC',
        };
        await this.repo.upsert({ ...row, validFrom: null, validTo: null, crisis: false, eventTime: null });
        book.add(row);
      } catch (e) {
        const code = e instanceof RpcRequestError ? e.code : CommonErrorCode.INTERNAL;
        if (UNAVAILABLE_CODES.has(code)) {
          this.logger.warn(`${TARIFF_GET} unavailable (${code}): ${(e as Error).message}`);
          result.unavailable = true;
          return result;
        }
        result.refused.set(id, code);
      }
    }
    return result;
  }
}
