// The demo region (Leidse Regio) every service's demo data shares: municipalities, providers and
// corporations. Service loaders import these so their data fits together.
export const REGION = {
  central: 'GM0546',
  municipalities: [
    { code: 'GM0546', name: 'Leiden' },
    { code: 'GM0547', name: 'Leiderdorp' },
    { code: 'GM0579', name: 'Oegstgeest' },
    { code: 'GM0626', name: 'Voorschoten' },
    { code: 'GM0638', name: 'Zoeterwoude' },
  ],
};

export const ALL_MUNICIPALITIES = REGION.municipalities.map((m) => m.code);

export const PROVIDERS = [
  { agb: '98000001', kvk: '41160001', name: 'Zorggroep Rijnland', kind: 'CARE_PROVIDER', categories: ['02', '03', '07'] },
  { agb: '98000002', kvk: '41160002', name: 'Stichting Beschermd Wonen Leiden', kind: 'CARE_PROVIDER', categories: ['15', '18'] },
  { agb: '98000003', kvk: '41160003', name: 'Opvang Leiden', kind: 'CARE_PROVIDER', categories: ['16', '17'] },
  { agb: '98000004', kvk: '41160004', name: 'Thuiszorg Hart', kind: 'CARE_PROVIDER', categories: ['01'] },
  { agb: '98000005', kvk: '41160005', name: 'Jeugdhulp Holland Rijnland', kind: 'CARE_PROVIDER', categories: ['45', '46'] },
  { agb: '98000006', kvk: '41160006', name: 'Vrijwilligerscentrale Leiden', kind: 'SUBSIDISED_ORGANISATION', categories: [] },
];

export const CORPORATIONS = [
  { kvk: '30000001', name: 'Portaal Leiden' },
  { kvk: '30000002', name: 'Woningstichting Ons Doel' },
];

/** Dev-token claims for the usual actors. */
export const ACTORS = {
  contractManager: { sub: 'demo-contract-manager', org: 'GM0546', roles: ['procurement.contract-manager'], municipalities: ALL_MUNICIPALITIES },
  caseworker: { sub: 'demo-caseworker', org: 'GM0546', roles: ['access.caseworker'], municipalities: ['GM0546'] },
  decisionMaker: { sub: 'demo-decision-maker', org: 'GM0546', roles: ['access.decision-maker'], municipalities: ['GM0546'] },
  controller: { sub: 'demo-controller', org: 'GM0546', roles: ['finance.controller'], municipalities: ALL_MUNICIPALITIES },
  secondController: { sub: 'demo-controller-2', org: 'GM0546', roles: ['finance.controller'], municipalities: ALL_MUNICIPALITIES },
  provider: (agb) => ({ sub: `demo-provider-${agb}`, org: `AGB:${agb}`, roles: ['provider'], municipalities: [] }),
};
