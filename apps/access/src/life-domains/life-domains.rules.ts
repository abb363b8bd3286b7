import { LIFE_DOMAIN_CODE_PATTERN, LifeDomainChangedV1, LifeDomainFramework } from '@vangnet/contracts';
import { LifeDomainView } from './life-domains.dto';
import { LifeDomainEntity } from './life-domains.entity';

/** Investigations score every domain on the self-reliance matrix's scale (DOMAIN.md "Access" 3). */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

function isFramework(f: string): f is LifeDomainFramework {
  return (Object.values(LifeDomainFramework) as string[]).includes(f);
}

export function isLifeDomainCode(code: string): boolean {
  return LIFE_DOMAIN_CODE_PATTERN.test(code) && code.length >= 2;
}

export function lifeDomainView(d: LifeDomainEntity): LifeDomainView {
  return { code: d.code, label: d.label, framework: d.framework, position: d.position, active: d.active, scaleMin: SCALE_MIN, scaleMax: SCALE_MAX, revision: d.revision };
}

/** The event of a domain's current revision; a region's own (LOCAL) framework travels without one. */
export function lifeDomainEvent(d: LifeDomainEntity): LifeDomainChangedV1 {
  return {
    code: d.code,
    label: d.label,
    scaleMin: SCALE_MIN,
    scaleMax: SCALE_MAX,
    active: d.active,
    ...(isFramework(d.framework) ? { framework: d.framework } : {}),
    position: d.position,
    revision: d.revision,
  };
}
