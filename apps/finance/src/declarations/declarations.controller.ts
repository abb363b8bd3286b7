import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { InvalidParam, Role } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { Page, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { DeclarationAnswer, DeclarationLinesQuery, DeclarationListQuery, DeclarationRequest, DeclarationView, DeclarationWithLines } from './declarations.dto';
import { DeclarationsService, RawDeclaration } from './declarations.service';

/** Routes under this path accept up to this body size (main.ts/app.options.ts); everything else stays small. */
export const DECLARATIONS_PATH = '/v1/declarations';

@Controller('v1/declarations')
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  /**
   * A provider's monthly declaration (iWmo 323 in HTTP form), assessed line by line at once.
   * JSON `{…header, lines: […]}`, or application/x-ndjson: the header object on the first line,
   * one line object per line after it.
   */
  @Post()
  @Roles(Role.PROVIDER)
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ type: DeclarationRequest })
  async submit(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeclarationAnswer> {
    const raw = typeof body === 'string' || /x-ndjson/i.test(contentType ?? '') ? fromNdjson(body) : fromJson(body);
    const answer = await this.declarations.submit(caller, raw);
    res.setHeader('Location', `/api/finance/v1/declarations/${answer.id}`);
    return answer;
  }

  /** Declarations: a provider its own, finance controllers and auditors those of their municipalities. */
  @Get()
  @Roles(Role.PROVIDER, Role.FINANCE_CONTROLLER, Role.AUDITOR)
  list(@CurrentCaller() caller: Caller, @Query() q: DeclarationListQuery): Promise<Page<DeclarationView>> {
    return this.declarations.list(caller, q);
  }

  /** A declaration with its lines' outcomes. Each line's reason codes (with the WJ001 retour code), a page of lines at a time. */
  @Get(':id')
  @Roles(Role.PROVIDER, Role.FINANCE_CONTROLLER, Role.AUDITOR)
  get(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Query() q: DeclarationLinesQuery): Promise<DeclarationWithLines> {
    return this.declarations.get(caller, id, q);
  }
}

function fromJson(body: unknown): RawDeclaration {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError([{ name: '', code: 'INVALID_OBJECT', reason: 'send the declaration as a JSON object (application/json) or as application/x-ndjson' }]);
  }
  const { lines, ...header } = body as Record<string, unknown>;
  return { header, lines };
}

function fromNdjson(body: unknown): RawDeclaration {
  if (typeof body !== 'string') {
    throw new ValidationFailedError([{ name: '', code: 'INVALID_OBJECT', reason: 'an application/x-ndjson body is one JSON object per line' }]);
  }
  const rows = body.split('\n').map((s) => s.trim()).filter((s) => s.length > 0);
  const invalid: InvalidParam[] = [];
  const parse = (text: string, name: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      if (invalid.length < 100) invalid.push({ name, code: 'INVALID_JSON', reason: `${name} is not valid JSON: ${(e as Error).message}` });
      return undefined;
    }
  };
  const header = rows.length ? parse(rows[0], 'header') : undefined;
  const lines = rows.slice(1).map((r, i) => parse(r, `lines[${i}]`));
  if (invalid.length) throw new ValidationFailedError(invalid, 'the request body is not valid NDJSON');
  if (header && typeof header === 'object' && 'lines' in (header as object)) {
    throw new ValidationFailedError([{ name: 'header.lines', code: 'UNKNOWN_FIELD', reason: 'as NDJSON, lines follow the header one per line' }]);
  }
  return { header: header ?? {}, lines };
}
