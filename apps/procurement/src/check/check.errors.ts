import { ContractCheckRefusalCode, DomainError } from '@vangnet/contracts';

/** procurement.tariff.get fails with the check's refusal code (ARCHITECTURE §2: codes travel unchanged). */
export class TariffError extends DomainError<ContractCheckRefusalCode> {}
