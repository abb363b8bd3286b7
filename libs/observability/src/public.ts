import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'vangnet:public';

/** No token needed (health, metrics, docs, the development issuer). Enforced by libs/auth's guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
