import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { ApiError, InvalidParam } from '../api';
import { INVALID_PARAM_MESSAGES, MessageKey, t } from '../messages.nl';

/** What the API refused of one field (its `invalidParams` entry), or undefined. */
export function invalidParam(error: unknown, name: string): InvalidParam | undefined {
  return error instanceof ApiError ? error.invalidParams.find((i) => i.name === name) : undefined;
}

/** The Dutch message for a field the API refused (its `invalidParams`), or undefined. */
export function fieldError(error: unknown, name: string, format?: MessageKey): string | undefined {
  const p = invalidParam(error, name);
  if (!p) return undefined;
  // A format error says which format the field wants, where the page knows it (a month).
  if (p.code === 'INVALID_FORMAT' && format) return t(format);
  return t(INVALID_PARAM_MESSAGES[p.code] ?? 'invalid_DEFAULT');
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  description?: string;
}

function Field({ id, label, error, description, children }: FieldProps & { children: ReactNode }) {
  return (
    <FormField invalid={!!error} type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

const describedBy = (id: string, error?: string, description?: string) => [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(props: FieldProps & { value: string; onChange: (v: string) => void; inputMode?: 'numeric' | 'decimal' | 'text' }) {
  const { id, error, description } = props;
  return (
    <Field {...props}>
      <Textbox id={id} name={id} value={props.value} invalid={!!error} aria-invalid={!!error} aria-describedby={describedBy(id, error, description)} inputMode={props.inputMode} onChange={(e) => props.onChange(e.target.value)} />
    </Field>
  );
}

export function SelectField(props: FieldProps & { value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }> }) {
  const { id, error, description } = props;
  return (
    <Field {...props}>
      <Select id={id} name={id} value={props.value} invalid={!!error} aria-invalid={!!error} aria-describedby={describedBy(id, error, description)} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <SelectOption key={o.value} value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </Select>
    </Field>
  );
}
