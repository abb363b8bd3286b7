import { NestExpressApplication } from '@nestjs/platform-express';
import { sendProblem, toProblem, ServiceAppOptions } from '@vangnet/platform';
import express from 'express';
import type { Request, Response } from 'express';
import { apiCatalogue } from './catalogue';
import { disabled } from './dev-idp/dev-idp.controller';
import { DevIdpService, openIdConfiguration } from './dev-idp/dev-idp.service';
import { corsFor } from './edge/cors';
import { describeSize } from './edge/edge.config';
import { EdgeService } from './edge/edge.service';
import { PARTNER_SCOPES } from './partners/partners.rules';
import { serviceProxy } from './proxy/proxy';
import { webPages } from './web-pages';

/** The gateway's own routes live under /api/gateway; everything else under /api/<service> is proxied. */
export const GATEWAY_OPTIONS: ServiceAppOptions = {
  service: 'gateway',
  description: 'The edge: one origin for partners, the partner registry, and the development identity provider',
  parseBodiesUnder: '/api/gateway',
  configure: (app: NestExpressApplication) => {
    const edge = app.get(EdgeService);
    app.use(corsFor(edge.config.corsOrigins));
    app.use(
      serviceProxy({
        bodyLimit: (path) => edge.bodyLimit(path),
        describeLimit: describeSize,
        admit: (req, res, service) => edge.admit(req, res, service),
        observe: (o) => edge.observe(o),
        refused: (service, reason) => edge.refused(service, reason),
      }),
    );
    // The OAuth2 token endpoint takes the form encoding RFC 6749 prescribes (and JSON).
    app.use('/api/gateway/oauth/token', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }));
    // The JWKS and the OIDC discovery document at the root too, by convention (ARCHITECTURE §5).
    const wellKnown = (path: string, body: (idp: DevIdpService) => unknown) =>
      app.use(path, (req: Request, res: Response, next: () => void) => {
        if (req.method !== 'GET' || (req.path !== '/' && req.path !== '')) return next();
        const idp = app.get(DevIdpService);
        if (!idp.enabled()) return sendProblem(res, toProblem(disabled(), path));
        res.json(body(idp));
      });
    wellKnown('/.well-known/jwks.json', (idp) => idp.jwks());
    wellKnown('/.well-known/openid-configuration', (idp) => openIdConfiguration(idp.issuer(), Object.keys(PARTNER_SCOPES)));
    apiCatalogue(app);
    webPages(app);
  },
};
