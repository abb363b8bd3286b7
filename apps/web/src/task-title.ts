import { formatDate } from './format';
import { CODES, fill, label } from './messages.nl';

/** A worklist task as access gives it: `titleCode` and `titleParams` say what `title` says in English. */
export interface TitledTask {
  kind: string;
  title: string;
  titleCode: string;
  titleParams: Record<string, string | number>;
}

/** The task's title in Dutch, from access's stable code and its values (dates in Dutch notation); a code this page does not know yet: the task's kind. */
export function taskTitle(task: TitledTask): string {
  const text = (CODES.taskTitle as Readonly<Record<string, string>>)[task.titleCode];
  if (!text) return label('taskKind', task.kind);
  const params = Object.fromEntries(Object.entries(task.titleParams ?? {}).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v]));
  return fill(text, params);
}
