import { DomainError } from '@vangnet/contracts';
import { DEFAULT_PAYLOAD_LIMITS, inspectPayload, PayloadErrorCode, PayloadLimits, PayloadRefusedError } from '@vangnet/messaging';
import type { NextFunction, Request, Response } from 'express';
import { problemPath, sendProblem, toProblem } from './problem.filter';

/**
 * Express middleware, after the body parser and before Nest's router: every JSON body, query
 * string and path is checked once (depth, keys per object, NUL characters, prototype keys), so no
 * route, pipe or class-transformer sees such input, whatever its parameter type (issue 13).
 */
export function inputGuard(limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS) {
  return (req: Request, res: Response, next: NextFunction): void => {
    try {
      if (req.path.includes('%00') || req.path.includes(String.fromCharCode(0))) {
        throw new PayloadRefusedError('VALIDATION_FAILED', 'the path has invalid parameters', [
          { name: 'path', code: PayloadErrorCode.INVALID_CHARACTER, reason: 'the path must not contain a NUL (U+0000) character' },
        ]);
      }
      inspectPayload(req.query, limits, 'the query');
      // A raw body (a route's own express.raw parser: the exchange's XML mailbox) is bytes, not a
      // parsed document: the route that asked for bytes checks them itself.
      if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) inspectPayload(req.body, limits, 'the request body');
      next();
    } catch (e) {
      if (!(e instanceof DomainError)) return next(e);
      sendProblem(res, toProblem(e, problemPath(req)));
    }
  };
}
