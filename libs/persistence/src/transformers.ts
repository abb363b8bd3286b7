import { ValueTransformer } from 'typeorm';

/** BIGINT cents column ↔ number (pg hands BIGINT over as a string unless parsed). */
export const centsTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
