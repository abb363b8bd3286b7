import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { Column, DataTable } from '../components/chart-panel';
import { fieldError, TextField } from '../components/field';
import { LoadState } from '../components/load-state';
import { formatDate, formatNumber } from '../format';
import { caseHref, shortId, termCaseHref } from '../case-links';
import { InternalLink } from '../components/internal-link';
import { label, municipalityName, t } from '../messages.nl';
import { taskTitle } from '../task-title';
import { useApi } from '../use-api';
import { useQueryState } from '../use-query-state';

interface Term {
  deadlineId: string;
  kind: string;
  caseId: string;
  municipality: string;
  dueDate: string;
  daysLeft: number;
  state: string;
  breachedOn: string | null;
}
interface Worklist {
  today: string;
  counts: { breached: number; dueSoon: number };
  items: Term[];
}
interface Task {
  id: string;
  kind: string;
  municipality: string;
  personId: string | null;
  title: string;
  titleCode: string;
  titleParams: Record<string, string | number>;
  dueDate: string | null;
  status: string;
}
interface Outreach {
  id: string;
  registrationId: string;
  municipality: string;
  status: string;
  firstContactDue: string;
  firstContact: string;
  assignee: string | null;
}
interface Signal {
  id: string;
  kind: string;
  personId: string | null;
  municipality: string;
  status: string;
  due: string;
}

function Section<R>(props: { id: string; title: string; path: string; query?: Record<string, string | number>; columns: Column<R>[] }) {
  const r = useApi<{ items: R[] }>(props.path, props.query);
  return (
    <section aria-labelledby={`${props.id}-title`} className="vangnet-panel">
      <Heading2 id={`${props.id}-title`}>{props.title}</Heading2>
      <LoadState loading={r.loading} error={r.error} />
      {r.data && (r.data.items.length ? <DataTable caption={props.title} columns={props.columns} rows={r.data.items} testId={props.id} /> : <Paragraph>{t('none')}</Paragraph>)}
    </section>
  );
}

/** A link to the case's page, or a dash where the item names no case. */
const caseLink = (href: string | undefined, text: string) => (href ? <InternalLink to={href}>{text}</InternalLink> : '—');

export default function WorklistPage() {
  const { draft, applied, set, apply } = useQueryState(['dueWithinDays'] as const, { dueWithinDays: '7' });
  const terms = useApi<Worklist>('/api/access/v1/worklist', { dueWithinDays: applied.dueWithinDays, limit: 100 });
  const municipality: Column<{ municipality: string }> = { key: 'municipality', label: t('municipality'), value: (r) => r.municipality, format: (r) => municipalityName(r.municipality) };
  const termColumns: Column<Term>[] = [
    { key: 'state', label: t('status'), value: (r) => r.state, format: (r) => (r.breachedOn || r.daysLeft < 0 ? t('overdue') : t('dueSoon')) },
    { key: 'kind', label: t('kind'), value: (r) => r.kind, format: (r) => label('deadlineKind', r.kind) },
    municipality,
    { key: 'dueDate', label: t('dueDate'), value: (r) => r.dueDate, format: (r) => formatDate(r.dueDate) },
    { key: 'daysLeft', label: t('daysLeft'), value: (r) => r.daysLeft, format: (r) => formatNumber(r.daysLeft) },
    { key: 'case', label: t('caseColumn'), value: (r) => r.caseId, render: (r) => caseLink(termCaseHref(r.kind, r.caseId), t('caseLink', { id: shortId(r.caseId) })) },
  ];
  const taskColumns: Column<Task>[] = [
    { key: 'kind', label: t('kind'), value: (r) => r.kind, format: (r) => label('taskKind', r.kind) },
    { key: 'title', label: t('title'), value: (r) => r.titleCode, format: taskTitle },
    municipality,
    { key: 'dueDate', label: t('dueDate'), value: (r) => r.dueDate, format: (r) => formatDate(r.dueDate) },
    { key: 'status', label: t('status'), value: (r) => r.status, format: (r) => label('taskStatus', r.status) },
    { key: 'case', label: t('caseColumn'), value: (r) => r.personId, render: (r) => caseLink(r.personId ? caseHref('persoon', r.personId) : undefined, t('personLink', { id: shortId(r.personId ?? '') })) },
  ];
  const outreachColumns: Column<Outreach>[] = [
    municipality,
    { key: 'firstContactDue', label: t('firstContactDue'), value: (r) => r.firstContactDue, format: (r) => formatDate(r.firstContactDue) },
    { key: 'firstContact', label: t('firstContact'), value: (r) => r.firstContact, format: (r) => label('firstContact', r.firstContact) },
    { key: 'assignee', label: t('assignee'), value: (r) => r.assignee ?? '—' },
    { key: 'status', label: t('status'), value: (r) => r.status, format: (r) => label('outreachStatus', r.status) },
    { key: 'case', label: t('caseColumn'), value: (r) => r.registrationId, render: (r) => caseLink(caseHref('melding', r.registrationId), t('caseLink', { id: shortId(r.registrationId) })) },
  ];
  const signalColumns: Column<Signal>[] = [
    { key: 'kind', label: t('kind'), value: (r) => r.kind, format: (r) => label('signalKind', r.kind) },
    municipality,
    { key: 'status', label: t('status'), value: (r) => r.status, format: (r) => label('signalStatus', r.status) },
    { key: 'due', label: t('dueDate'), value: (r) => r.due, format: (r) => formatDate(r.due) },
    { key: 'case', label: t('caseColumn'), value: (r) => r.personId, render: (r) => caseLink(r.personId ? caseHref('persoon', r.personId) : undefined, t('personLink', { id: shortId(r.personId ?? '') })) },
  ];
  return (
    <>
      <Heading1>{t('worklistTitle')}</Heading1>
      <Paragraph>{t('worklistIntro')}</Paragraph>
      <section aria-labelledby="terms-title" className="vangnet-panel">
        <Heading2 id="terms-title">{t('termsTitle')}</Heading2>
        <form
          className="vangnet-filters"
          aria-label={t('filters')}
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <TextField id="dueWithinDays" label={t('dueWithinDays')} value={draft.dueWithinDays} onChange={(v) => set('dueWithinDays', v)} inputMode="numeric" error={fieldError(terms.error, 'dueWithinDays')} />
          <Button type="submit" appearance="primary-action-button" data-testid="apply">
            {t('apply')}
          </Button>
        </form>
        <LoadState loading={terms.loading} error={terms.error} />
        {terms.data && (
          <>
            <Paragraph data-testid="term-counts">{t('counts', { breached: terms.data.counts.breached, dueSoon: terms.data.counts.dueSoon })}</Paragraph>
            <DataTable caption={t('termsTitle')} columns={termColumns} rows={terms.data.items} testId="terms" />
          </>
        )}
      </section>
      <Section id="tasks" title={t('tasksTitle')} path="/api/access/v1/worklist/tasks" query={{ limit: 50 }} columns={taskColumns} />
      <Section id="outreach" title={t('outreachTitle')} path="/api/access/v1/outreach-tasks" query={{ limit: 50 }} columns={outreachColumns} />
      <Section id="signals" title={t('signalsTitle')} path="/api/care-plans/v1/signals" query={{ limit: 50 }} columns={signalColumns} />
    </>
  );
}
