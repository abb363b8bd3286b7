import { ProviderContact, ProviderKind } from './providers.dto';

/** Who sees a provider's registration: municipal staff every provider (they contract them), a provider only itself. */
export function providerVisible(scope: { providerAgb?: string }, agb: string): boolean {
  return scope.providerAgb === undefined || scope.providerAgb === agb;
}

export interface ProviderFields {
  kvk: string;
  name: string;
  kind: ProviderKind;
  contact: ProviderContact;
}

/** A PATCH changes the fields it names and keeps the rest; a given contact replaces the whole contact. */
export function patchProvider(current: ProviderFields, patch: Partial<ProviderFields>): ProviderFields {
  return {
    kvk: patch.kvk ?? current.kvk,
    name: patch.name ?? current.name,
    kind: patch.kind ?? current.kind,
    contact: patch.contact ? { ...patch.contact } : current.contact,
  };
}
