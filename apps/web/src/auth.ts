import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** Where to sign in: served by the gateway from VANGNET_OIDC_ISSUER_URL and VANGNET_WEB_CLIENT_ID. */
export interface WebConfig {
  issuer: string;
  clientId: string;
}

export interface Claims {
  sub: string;
  org: string;
  roles: string[];
  municipalities: string[];
}

let manager: UserManager | undefined;

export async function userManager(): Promise<UserManager> {
  if (manager) return manager;
  const res = await fetch('/web-config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`web-config.json ${res.status}`);
  const config = (await res.json()) as WebConfig;
  manager = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/aanmelden/terug`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid',
    // Tokens stay in this tab's session only.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    loadUserInfo: false,
    automaticSilentRenew: false,
  });
  return manager;
}

/** The claims the services act on, read from the access token the issuer signed. */
export function claimsOf(user: User): Claims {
  const payload = user.access_token.split('.')[1] ?? '';
  const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Partial<Claims>;
  return { sub: json.sub ?? '', org: json.org ?? '', roles: json.roles ?? [], municipalities: json.municipalities ?? [] };
}

export async function signIn(returnTo: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: returnTo });
}

export async function completeSignIn(): Promise<{ user: User; returnTo: string }> {
  const user = await (await userManager()).signinRedirectCallback();
  const returnTo = typeof user.state === 'string' && user.state.startsWith('/') ? user.state : '/';
  return { user, returnTo };
}

export async function currentUser(): Promise<User | null> {
  const user = await (await userManager()).getUser();
  return user && !user.expired ? user : null;
}

export async function signOut(): Promise<void> {
  await (await userManager()).removeUser();
}
