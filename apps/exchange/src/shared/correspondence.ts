/**
 * Where a provider writes to a client whose address access does not hold (someone without a home,
 * or a record without its BRP address): a 301's Contact must carry a house number and postcode
 * (TR006), so the municipality's own postal address is sent as correspondence address (Soort 02),
 * with the municipality as Organisatie. Configuration: `EXCHANGE_CORRESPONDENCE_ADDRESSES`, a JSON
 * object by municipality code; the defaults are the demo region's town halls (check them before
 * production use).
 */
export interface CorrespondenceAddress {
  organisation: string;
  street: string;
  houseNumber: number;
  postcode: string;
  city: string;
}

const DEMO_REGION: Readonly<Record<string, CorrespondenceAddress>> = {
  GM0546: { organisation: 'Gemeente Leiden', street: 'Stadhuisplein', houseNumber: 1, postcode: '2311EJ', city: 'Leiden' },
  GM0547: { organisation: 'Gemeente Leiderdorp', street: 'Statenlaan', houseNumber: 1, postcode: '2353HV', city: 'Leiderdorp' },
  GM0579: { organisation: 'Gemeente Oegstgeest', street: 'Lange Voort', houseNumber: 2, postcode: '2341KA', city: 'Oegstgeest' },
  GM0626: { organisation: 'Gemeente Voorschoten', street: 'Leidseweg', houseNumber: 25, postcode: '2253AB', city: 'Voorschoten' },
  GM0638: { organisation: 'Gemeente Zoeterwoude', street: 'Noordbuurtseweg', houseNumber: 1, postcode: '2381ER', city: 'Zoeterwoude' },
};

export function correspondenceAddresses(env: NodeJS.ProcessEnv = process.env): Readonly<Record<string, CorrespondenceAddress>> {
  const raw = env.EXCHANGE_CORRESPONDENCE_ADDRESSES?.trim();
  if (!raw) return DEMO_REGION;
  const parsed = JSON.parse(raw) as Record<string, CorrespondenceAddress>;
  for (const [m, a] of Object.entries(parsed)) {
    if (!/^GM\d{4}$/.test(m) || !a.organisation || !a.street || !Number.isInteger(a.houseNumber) || !/^\d{4}[A-Z]{2}$/.test(a.postcode) || !a.city) {
      throw new Error(`EXCHANGE_CORRESPONDENCE_ADDRESSES: ${m} needs organisation, street, houseNumber, postcode (1234AB) and city`);
    }
  }
  return parsed;
}
