import { Alert, Paragraph } from '@utrecht/component-library-react';
import { ApiError } from '../api';
import { t } from '../messages.nl';

export function LoadState(props: { loading: boolean; error?: unknown }) {
  if (props.loading) return <Paragraph aria-live="polite">{t('loading')}</Paragraph>;
  if (props.error && !(props.error instanceof ApiError && props.error.status === 400))
    return (
      <Alert type="error">
        <Paragraph>{t('loadFailed', { status: props.error instanceof ApiError ? props.error.status : '—' })}</Paragraph>
      </Alert>
    );
  return null;
}
