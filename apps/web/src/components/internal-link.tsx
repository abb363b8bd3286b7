import { Link } from '@utrecht/component-library-react';
import type { MouseEvent } from 'react';
import { navigate } from '../session';

/** A link within the pages: followed without a reload (a modified click opens a tab as usual), focus to the content. */
export function InternalLink(props: { to: string; children: string; current?: boolean; testId?: string }) {
  const go = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(props.to);
    document.getElementById('main')?.focus();
  };
  return (
    <Link href={props.to} onClick={go} aria-current={props.current ? 'page' : undefined} data-testid={props.testId}>
      {props.children}
    </Link>
  );
}
