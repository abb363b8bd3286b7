import { NestExpressApplication } from '@nestjs/platform-express';
import { sendProblem, toProblem, ServiceAppOptions } from '@vangnet/platform';
import type { Request, Response } from 'express';
import { disabled } from './dev-idp/dev-idp.controller';
import { DevIdpService } from './dev-idp/dev-idp.service';
import { serviceProxy } from './proxy/proxy';

/** The gateway's own routes live under /api/gateway; everything else under /api/<service> is proxied. */
export const GATEWAY_OPTIONS: ServiceAppOptions = {
  service: 'gateway',
  description: 'The edge: one origin for partners, and the development identity provider',
  parseBodiesUnder: '/api/gateway',
  configure: (app: NestExpressApplication) => {
    app.use(serviceProxy());
    // The JWKS at the root too, by convention (ARCHITECTURE §5).
    app.use('/.well-known/jwks.json', (req: Request, res: Response, next: () => void) => {
      if (req.method !== 'GET') return next();
      const idp = app.get(DevIdpService);
      if (!idp.enabled()) return sendProblem(res, toProblem(disabled(), '/.well-known/jwks.json'));
      res.json(idp.jwks());
    });
  },
};
