import { Alert, Button, Heading1, Page, PageContent, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { claimsOf, completeSignIn, currentUser, signIn, signOut } from './auth';
import { parseCasePath } from './case-links';
import { label, municipalityName, t } from './messages.nl';
import { InternalLink } from './components/internal-link';
import { navigate, Session, SessionContext } from './session';

// Each page is its own chunk.
const MonitorPage = lazy(() => import('./pages/monitor'));
const WaitlistPage = lazy(() => import('./pages/waitlist'));
const WorklistPage = lazy(() => import('./pages/worklist'));
const CasePage = lazy(() => import('./pages/case'));

export const ROLE_OF_PAGE = { '/monitor': 'regional.analyst', '/wachtlijst': 'housing.placement-officer', '/werklijst': 'access.caseworker' } as const;
type PagePath = keyof typeof ROLE_OF_PAGE;
const PAGE_LABEL: Record<PagePath, Parameters<typeof t>[0]> = { '/monitor': 'navMonitor', '/wachtlijst': 'navWaitlist', '/werklijst': 'navWorklist' };

function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const on = () => setPath(location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    (async () => {
      if (location.pathname === '/aanmelden/terug') {
        const { user, returnTo } = await completeSignIn();
        setSession({ token: user.access_token, claims: claimsOf(user) });
        history.replaceState(null, '', returnTo);
        window.dispatchEvent(new PopStateEvent('popstate'));
        return;
      }
      const user = await currentUser();
      setSession(user ? { token: user.access_token, claims: claimsOf(user) } : null);
    })().catch((e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
      setSession(null);
    });
  }, []);

  // A case from the worklist: /zaak/<soort>/<id>, for the caseworker.
  const casePath = parseCasePath(path);

  useEffect(() => {
    const page = parseCasePath(path) ? 'navCase' : PAGE_LABEL[path as PagePath];
    document.title = page ? `${t(page)} — ${t('appName')}` : `${t('appName')} — ${t('tagline')}`;
  }, [path]);

  const pages = (Object.keys(ROLE_OF_PAGE) as PagePath[]).filter((p) => session?.claims.roles.includes(ROLE_OF_PAGE[p]));

  let content;
  if (session === undefined) content = <Paragraph>{t('signingIn')}</Paragraph>;
  else if (session === null)
    content = (
      <>
        <Heading1>{t('homeTitle')}</Heading1>
        {error && <Alert type="error">{t('signInFailed', { reason: error })}</Alert>}
        <Paragraph>{t('signInIntro')}</Paragraph>
        <Button appearance="primary-action-button" data-testid="sign-in" onClick={() => void signIn(path === '/aanmelden/terug' ? '/' : `${location.pathname}${location.search}`)}>
          {t('signIn')}
        </Button>
      </>
    );
  else if (path in ROLE_OF_PAGE || casePath) {
    const role = casePath ? ROLE_OF_PAGE['/werklijst'] : ROLE_OF_PAGE[path as PagePath];
    content = session.claims.roles.includes(role) ? (
      <Suspense fallback={<Paragraph>{t('loading')}</Paragraph>}>
        {casePath ? <CasePage key={path} kind={casePath.kind} id={casePath.id} /> : path === '/monitor' ? <MonitorPage /> : path === '/wachtlijst' ? <WaitlistPage /> : <WorklistPage />}
      </Suspense>
    ) : (
      <Alert type="warning">
        <Paragraph data-testid="not-allowed">{t('notAllowed', { role: label('role', role) })}</Paragraph>
      </Alert>
    );
  } else
    content = (
      <>
        <Heading1>{t('homeTitle')}</Heading1>
        {pages.length ? (
          <>
            <Paragraph>{t('homeIntro')}</Paragraph>
            <ul>
              {pages.map((p) => (
                <li key={p}>
                  <InternalLink to={p}>{t(PAGE_LABEL[p])}</InternalLink>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Alert type="info">
            <Paragraph data-testid="no-roles">{t('noRoles')}</Paragraph>
          </Alert>
        )}
      </>
    );

  return (
    <SessionContext.Provider value={session ?? null}>
      <SkipLink href="#main">{t('skipToContent')}</SkipLink>
      <Page>
        <PageHeader>
          <div className="vangnet-header">
            <Paragraph>
              <strong>{t('appName')}</strong> — {t('tagline')}
            </Paragraph>
            {session && (
              <nav aria-label={t('navLabel')} className="vangnet-nav">
                <ul>
                  <li>
                    <InternalLink to="/" current={path === '/'}>
                      {t('navHome')}
                    </InternalLink>
                  </li>
                  {pages.map((p) => (
                    <li key={p}>
                      <InternalLink to={p} current={path === p}>
                        {t(PAGE_LABEL[p])}
                      </InternalLink>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            {session && (
              <div>
                <Paragraph data-testid="signed-in">{t('signedInAs', { sub: session.claims.sub, org: municipalityName(session.claims.org) })}</Paragraph>
                <Button
                  appearance="subtle-button"
                  onClick={() =>
                    void signOut().then(() => {
                      setSession(null);
                      navigate('/');
                    })
                  }
                >
                  {t('signOut')}
                </Button>
              </div>
            )}
          </div>
        </PageHeader>
        <PageContent>
          <main id="main" tabIndex={-1}>
            {content}
          </main>
        </PageContent>
        <PageFooter>
          <Paragraph>{t('footer')}</Paragraph>
        </PageFooter>
      </Page>
    </SessionContext.Provider>
  );
}
