import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { apiGet, ApiError } from '../api';
import { caseHref, CaseKind, shortId, termCaseHref } from '../case-links';
import { Column, DataTable } from '../components/chart-panel';
import { InternalLink } from '../components/internal-link';
import { LoadState } from '../components/load-state';
import { formatCents, formatDate, formatNumber } from '../format';
import { label, municipalityName, t } from '../messages.nl';
import { useSession } from '../session';
import { taskTitle, TitledTask } from '../task-title';
import { useApi } from '../use-api';

// The case page (access.caseworker): a case from the worklist — an application, a registration, an
// objection or a decision — with its person as the caller may see them, the terms of the person's
// cases and their state, the decisions, provisions, tasks and outreach. Everything comes from
// access's APIs as they answer for the caller's roles and municipalities; what they refuse is
// not shown.

interface Deadline {
  deadlineId: string;
  kind: string;
  startDate: string;
  dueDate: string;
  suspendedDays: number;
  extensionDays: number;
  status: string;
  metOn: string | null;
  breachedOn: string | null;
}
interface Application {
  id: string;
  personId: string;
  registrationId: string | null;
  municipality: string;
  law: string;
  receivedAt: string;
  requested: Array<{ category: string }>;
  status: string;
  decisionDue: string | null;
  suspended: boolean;
  deadline: Deadline | null;
  decisionId: string | null;
}
interface Registration {
  id: string;
  personId: string | null;
  receivedAt: string;
  receivingMunicipality: string;
  source: string;
  channel: string;
  canAskForHelp: boolean;
  category: string | null;
  summary: string | null;
  status: string;
  law: string;
  outreachTask: { id: string } | null;
  deadlines: Deadline[];
  investigation: { completedAt: string; conclusion: string | null } | null;
}
interface Objection {
  id: string;
  decisionId: string;
  personId: string;
  municipality: string;
  receivedAt: string;
  termEnd: string;
  timely: boolean;
  status: string;
  outcome: string | null;
  decisionDue: string;
  deadline: Deadline | null;
}
interface Decision {
  id: string;
  applicationId: string;
  personId: string;
  municipality: string;
  law: string;
  decidedAt: string;
  outcome: string;
  objectionDue: string;
  provisions: unknown[];
}
interface Person {
  id: string;
  bsn: string;
  municipality: string;
  givenName: string | null;
  familyName: string | null;
  birthDate: string | null;
  brpMunicipality: string | null;
  safetyFlag: boolean;
  households: Array<{ householdId: string; role: string }>;
}
interface Provision {
  provisionId: string;
  assignmentNumber: number;
  status: string;
  decisionId: string;
  product: { category: string; code?: string };
  deliveryForm: string;
  providerAgb: string | null;
  volume: { amount: number; unit: string; frequency: string } | null;
  period: { start: string; end: string | null };
  budgetCents: number | null;
  endReason: string | null;
  delivery?: { status: string } | null;
}
interface Task extends TitledTask {
  id: string;
  dueDate: string | null;
  status: string;
}
interface Outreach {
  id: string;
  registrationId: string;
  status: string;
  assignee: string | null;
  firstContactDue: string;
  firstContact: string;
  outcome: string | null;
}
interface TermRow extends Deadline {
  caseId: string;
}

const ACCESS = '/api/access/v1';
const ROOT_PATH: Record<Exclude<CaseKind, 'persoon'>, string> = { aanvraag: 'applications', melding: 'registrations', bezwaar: 'objections', besluit: 'decisions' };

/** Several GETs at once (the outreach tasks a person's registrations name). */
function useMany<T>(paths: string[]): T[] | undefined {
  const { token } = useSession();
  const [items, setItems] = useState<T[] | undefined>();
  const key = paths.join('|');
  useEffect(() => {
    let live = true;
    Promise.all(paths.map((p) => apiGet<T>(token, p).catch(() => undefined))).then((all) => {
      if (live) setItems(all.filter((x) => x !== undefined) as T[]);
    });
    return () => {
      live = false;
    };
  }, [key, token]);
  return items;
}

/** Where a term stands, on the platform's date (the worklist's `today`). */
function termState(d: Deadline, today: string | undefined): string {
  if (d.status === 'MET') return d.metOn && d.metOn > d.dueDate ? t('termMetLate') : label('deadlineStatus', 'MET');
  if (d.status === 'LAPSED') return label('deadlineStatus', 'LAPSED');
  if (d.breachedOn || (today && d.dueDate < today)) return t('overdue');
  return label('deadlineStatus', d.status);
}

function Facts(props: { items: Array<[string, ReactNode]>; testId?: string }) {
  return (
    <dl className="vangnet-facts" data-testid={props.testId}>
      {props.items.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const yesNo = (b: boolean) => (b ? t('yes') : t('no'));
const personName = (p: Person) => [p.givenName, p.familyName].filter(Boolean).join(' ') || '—';
const period = (p: { start: string; end: string | null }) => (p.end ? t('periodRange', { from: formatDate(p.start), to: formatDate(p.end) }) : t('periodOpenEnded', { from: formatDate(p.start) }));
const volume = (v: Provision['volume']) => (v ? `${formatNumber(v.amount)} ${label('unit', v.unit)} ${label('frequency', v.frequency)}` : '—');

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${props.id}-title`} className="vangnet-panel">
      <Heading2 id={`${props.id}-title`}>{props.title}</Heading2>
      {props.children}
    </section>
  );
}

export default function CasePage(props: { kind: CaseKind; id: string }) {
  const { kind, id } = props;
  const root = useApi<Application & Registration & Objection & Decision>(kind === 'persoon' ? null : `${ACCESS}/${ROOT_PATH[kind]}/${encodeURIComponent(id)}`);
  const personId = kind === 'persoon' ? id : (root.data?.personId ?? null);
  const q = { personId: personId ?? undefined };
  const person = useApi<Person>(personId ? `${ACCESS}/persons/${encodeURIComponent(personId)}` : null);
  const registrations = useApi<{ items: Registration[] }>(personId ? `${ACCESS}/registrations` : null, q);
  const applications = useApi<{ items: Application[] }>(personId ? `${ACCESS}/applications` : null, q);
  const decisions = useApi<{ items: Decision[] }>(personId ? `${ACCESS}/decisions` : null, q);
  const provisions = useApi<{ items: Provision[] }>(personId ? `${ACCESS}/provisions` : null, q);
  const tasks = useApi<{ items: Task[] }>(personId ? `${ACCESS}/worklist/tasks` : null, { ...q, limit: 50 });
  // The platform's date, for the terms' state (the browser's clock is not the platform's).
  const platformDay = useApi<{ today: string }>(`${ACCESS}/worklist`, { limit: 1 });
  const today = platformDay.data?.today;

  const regs: Registration[] = registrations.data?.items ?? (kind === 'melding' && root.data ? [root.data] : []);
  const outreach = useMany<Outreach>(regs.flatMap((r) => (r.outreachTask ? [`${ACCESS}/outreach-tasks/${r.outreachTask.id}`] : [])));

  if (kind !== 'persoon' && !root.data) {
    if (root.error instanceof ApiError && [400, 403, 404].includes(root.error.status))
      return (
        <>
          <Heading1>{t('navCase')}</Heading1>
          <Alert type="warning">
            <Paragraph data-testid="case-not-found">{t('caseNotFound')}</Paragraph>
          </Alert>
          <Paragraph>
            <InternalLink to="/werklijst">{t('backToWorklist')}</InternalLink>
          </Paragraph>
        </>
      );
    return <LoadState loading={root.loading} error={root.error} />;
  }
  const r = root.data;
  const isThis = (caseId: string) => caseId === id;
  const title =
    kind === 'aanvraag' ? t('caseApplication', { law: label('law', r?.law) }) : kind === 'melding' ? t('caseRegistration') : kind === 'bezwaar' ? t('caseObjection') : kind === 'besluit' ? t('caseDecision') : t('casePerson');

  // The case's own facts, by kind.
  let facts: Array<[string, ReactNode]> = [];
  if (r && kind === 'aanvraag')
    facts = [
      [t('received'), formatDate(r.receivedAt)],
      [t('law'), label('law', r.law)],
      [t('municipality'), municipalityName(r.municipality)],
      [t('status'), label('applicationStatus', r.status)],
      [t('requested'), r.requested.map((p) => label('productCategory', p.category)).join(', ') || '—'],
      [t('decisionDue'), formatDate(r.decisionDue)],
      [t('suspended'), yesNo(r.suspended)],
    ];
  else if (r && kind === 'melding')
    facts = [
      [t('received'), formatDate(r.receivedAt)],
      [t('municipality'), municipalityName(r.receivingMunicipality)],
      [t('source'), label('registrationSource', r.source)],
      [t('channel'), label('registrationChannel', r.channel)],
      [t('canAskForHelp'), yesNo(r.canAskForHelp)],
      [t('status'), label('registrationStatus', r.status)],
      ...(r.summary ? ([[t('summary'), r.summary]] as Array<[string, ReactNode]>) : []),
      [t('investigation'), r.investigation ? t('investigatedOn', { date: formatDate(r.investigation.completedAt), conclusion: label('consideredOption', r.investigation.conclusion) }) : '—'],
    ];
  else if (r && kind === 'bezwaar')
    facts = [
      [t('objectionReceived'), formatDate(r.receivedAt)],
      [t('objectionTermEnd'), formatDate(r.termEnd)],
      [t('timely'), yesNo(r.timely)],
      [t('municipality'), municipalityName(r.municipality)],
      [t('status'), label('objectionStatus', r.status)],
      [t('outcome'), label('objectionOutcome', r.outcome)],
      [t('decisionDue'), formatDate(r.decisionDue)],
    ];
  else if (r && kind === 'besluit')
    facts = [
      [t('decidedAt'), formatDate(r.decidedAt)],
      [t('law'), label('law', r.law)],
      [t('outcome'), label('decisionOutcome', r.outcome)],
      [t('objectionDue'), formatDate(r.objectionDue)],
    ];

  // Every term of the person's cases (or of this case alone, without a person), this case's first.
  const terms: TermRow[] = [];
  for (const reg of regs) for (const d of reg.deadlines) terms.push({ ...d, caseId: reg.id });
  for (const app of applications.data?.items ?? (kind === 'aanvraag' && r ? [r] : [])) if (app.deadline) terms.push({ ...app.deadline, caseId: app.id });
  if (kind === 'bezwaar' && r?.deadline) terms.push({ ...r.deadline, caseId: r.id });
  terms.sort((a, b) => Number(isThis(b.caseId)) - Number(isThis(a.caseId)) || a.dueDate.localeCompare(b.dueDate));

  const termColumns: Column<TermRow>[] = [
    { key: 'kind', label: t('kind'), value: (x) => x.kind, format: (x) => `${label('deadlineKind', x.kind)}${isThis(x.caseId) ? ` ${t('thisCase')}` : ''}` },
    { key: 'state', label: t('status'), value: (x) => x.status, format: (x) => termState(x, today) },
    { key: 'startDate', label: t('startDate'), value: (x) => x.startDate, format: (x) => formatDate(x.startDate) },
    { key: 'dueDate', label: t('dueDate'), value: (x) => x.dueDate, format: (x) => formatDate(x.dueDate) },
    { key: 'metOn', label: t('metOn'), value: (x) => x.metOn, format: (x) => formatDate(x.metOn) },
    { key: 'breachedOn', label: t('breachedOn'), value: (x) => x.breachedOn, format: (x) => formatDate(x.breachedOn) },
    { key: 'suspendedDays', label: t('suspendedDays'), value: (x) => x.suspendedDays, format: (x) => formatNumber(x.suspendedDays) },
    {
      key: 'case',
      label: t('caseColumn'),
      value: (x) => x.caseId,
      render: (x) => {
        const href = termCaseHref(x.kind, x.caseId);
        return href && !isThis(x.caseId) ? <InternalLink to={href}>{t('caseLink', { id: shortId(x.caseId) })}</InternalLink> : t('caseLink', { id: shortId(x.caseId) });
      },
    },
  ];
  const cases = [
    ...regs.map((x) => ({ kind: 'melding' as const, id: x.id, received: x.receivedAt, status: label('registrationStatus', x.status), what: t('caseRegistration') })),
    ...(applications.data?.items ?? []).map((x) => ({ kind: 'aanvraag' as const, id: x.id, received: x.receivedAt, status: label('applicationStatus', x.status), what: t('caseApplication', { law: label('law', x.law) }) })),
  ].sort((a, b) => b.received.localeCompare(a.received));
  const caseColumns: Column<(typeof cases)[number]>[] = [
    { key: 'what', label: t('caseKind'), value: (x) => x.kind, format: (x) => `${x.what}${isThis(x.id) ? ` ${t('thisCase')}` : ''}` },
    { key: 'received', label: t('received'), value: (x) => x.received, format: (x) => formatDate(x.received) },
    { key: 'status', label: t('status'), value: (x) => x.status },
    { key: 'case', label: t('caseColumn'), value: (x) => x.id, render: (x) => (isThis(x.id) ? t('caseLink', { id: shortId(x.id) }) : <InternalLink to={caseHref(x.kind, x.id)}>{t('caseLink', { id: shortId(x.id) })}</InternalLink>) },
  ];
  const decisionColumns: Column<Decision>[] = [
    { key: 'decidedAt', label: t('decidedAt'), value: (x) => x.decidedAt, format: (x) => `${formatDate(x.decidedAt)}${isThis(x.id) || isThis(x.applicationId) ? ` ${t('thisCase')}` : ''}` },
    { key: 'law', label: t('law'), value: (x) => x.law, format: (x) => label('law', x.law) },
    { key: 'outcome', label: t('outcome'), value: (x) => x.outcome, format: (x) => label('decisionOutcome', x.outcome) },
    { key: 'objectionDue', label: t('objectionDue'), value: (x) => x.objectionDue, format: (x) => formatDate(x.objectionDue) },
    { key: 'provisions', label: t('provisionsTitle'), value: (x) => x.provisions.length, format: (x) => formatNumber(x.provisions.length) },
  ];
  const provisionColumns: Column<Provision>[] = [
    { key: 'product', label: t('product'), value: (x) => x.product.category, format: (x) => label('productCategory', x.product.category) },
    { key: 'deliveryForm', label: t('deliveryForm'), value: (x) => x.deliveryForm, format: (x) => label('deliveryForm', x.deliveryForm) },
    { key: 'provider', label: t('provider'), value: (x) => x.providerAgb },
    { key: 'volume', label: t('volume'), value: (x) => x.volume?.amount ?? x.budgetCents, format: (x) => (x.volume ? volume(x.volume) : formatCents(x.budgetCents)) },
    { key: 'period', label: t('period'), value: (x) => x.period.start, format: (x) => period(x.period) },
    { key: 'status', label: t('status'), value: (x) => x.status, format: (x) => `${label('provisionStatus', x.status)}${x.endReason ? ` (${label('endReason', x.endReason)})` : ''}` },
    { key: 'delivery', label: t('delivery'), value: (x) => x.delivery?.status ?? null, format: (x) => label('deliveryStatus', x.delivery?.status) },
    { key: 'assignmentNumber', label: t('assignmentNumber'), value: (x) => x.assignmentNumber, format: (x) => String(x.assignmentNumber) },
  ];
  const taskColumns: Column<Task>[] = [
    { key: 'title', label: t('title'), value: (x) => x.titleCode, format: taskTitle },
    { key: 'dueDate', label: t('dueDate'), value: (x) => x.dueDate, format: (x) => formatDate(x.dueDate) },
    { key: 'status', label: t('status'), value: (x) => x.status, format: (x) => label('taskStatus', x.status) },
  ];
  const outreachColumns: Column<Outreach>[] = [
    { key: 'firstContactDue', label: t('firstContactDue'), value: (x) => x.firstContactDue, format: (x) => formatDate(x.firstContactDue) },
    { key: 'firstContact', label: t('firstContact'), value: (x) => x.firstContact, format: (x) => label('firstContact', x.firstContact) },
    { key: 'status', label: t('status'), value: (x) => x.status, format: (x) => label('outreachStatus', x.status) },
    { key: 'outcome', label: t('outcome'), value: (x) => x.outcome, format: (x) => label('outreachOutcome', x.outcome) },
    { key: 'assignee', label: t('assignee'), value: (x) => x.assignee ?? '—' },
  ];

  const list = <R,>(loaded: { loading: boolean; error?: unknown; data?: { items: R[] } }, caption: string, columns: Column<R>[], testId: string) =>
    loaded.data ? loaded.data.items.length ? <DataTable caption={caption} columns={columns} rows={loaded.data.items} testId={testId} /> : <Paragraph>{t('none')}</Paragraph> : <LoadState loading={loaded.loading} error={loaded.error} />;

  const p = person.data;
  return (
    <>
      <Paragraph>
        <InternalLink to="/werklijst">{t('backToWorklist')}</InternalLink>
      </Paragraph>
      <Heading1 data-testid="case-title">
        {title}
        {p ? ` — ${personName(p)}` : ''}
      </Heading1>
      <Paragraph>{t('caseIntro')}</Paragraph>
      {facts.length > 0 && (
        <Section id="case-facts" title={`${t('caseFacts')} (${t('caseLink', { id: shortId(id) })})`}>
          <Facts items={facts} testId="case-facts" />
        </Section>
      )}
      {personId && (
        <Section id="case-person" title={t('personTitle')}>
          {p ? (
            <Facts
              testId="case-person"
              items={[
                [t('name'), personName(p)],
                [t('bsn'), p.bsn],
                [t('birthDate'), formatDate(p.birthDate)],
                [t('brpMunicipality'), municipalityName(p.brpMunicipality)],
                [t('recordOf'), municipalityName(p.municipality)],
                [t('household'), p.households.map((h) => label('householdRole', h.role)).join(', ') || '—'],
                ...(p.safetyFlag ? ([[t('safetyFlag'), t('yes')]] as Array<[string, ReactNode]>) : []),
              ]}
            />
          ) : (
            <LoadState loading={person.loading} error={person.error} />
          )}
        </Section>
      )}
      <Section id="case-terms" title={t('caseTermsTitle')}>
        {platformDay.loading ? <LoadState loading /> : terms.length ? <DataTable caption={t('caseTermsTitle')} columns={termColumns} rows={terms} testId="case-terms" /> : <Paragraph>{t('none')}</Paragraph>}
      </Section>
      {personId && (
        <>
          <Section id="case-cases" title={t('casesTitle')}>
            {cases.length ? <DataTable caption={t('casesTitle')} columns={caseColumns} rows={cases} testId="case-cases" /> : <Paragraph>{t('none')}</Paragraph>}
          </Section>
          <Section id="case-decisions" title={t('decisionsTitle')}>
            {list(decisions, t('decisionsTitle'), decisionColumns, 'case-decisions')}
          </Section>
          <Section id="case-provisions" title={t('provisionsTitle')}>
            {list(provisions, t('provisionsTitle'), provisionColumns, 'case-provisions')}
          </Section>
          <Section id="case-tasks" title={t('caseTasksTitle')}>
            {list(tasks, t('caseTasksTitle'), taskColumns, 'case-tasks')}
          </Section>
        </>
      )}
      <Section id="case-outreach" title={t('caseOutreachTitle')}>
        {outreach === undefined ? <LoadState loading /> : outreach.length ? <DataTable caption={t('caseOutreachTitle')} columns={outreachColumns} rows={outreach} testId="case-outreach" /> : <Paragraph>{t('none')}</Paragraph>}
      </Section>
    </>
  );
}
