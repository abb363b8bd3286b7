import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Res, UseGuards } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf } from '@vangnet/platform';
import type { Response } from 'express';
import { ChangePartnerRequest, NewPartnerClientView, PartnerClientView, PartnerRevisionView, PartnerView, RegisterPartnerRequest } from './partners.dto';
import { SecretAnswerGuard } from '../shared/secret-answer.guard';
import { PARTNER_SCOPES } from './partners.rules';
import { PartnersService } from './partners.service';

const READERS = [Role.REGION_ADMINISTRATOR, Role.PLATFORM_OPERATOR, Role.AUDITOR];

/** The region's partner registry: read by administrators, operators and auditors; kept by a region administrator for the whole region. */
@Controller('v1/partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  /** Every registered partner organisation with its kind, scopes and state. */
  @Get()
  @Roles(...READERS)
  async list(): Promise<{ items: PartnerView[] }> {
    return { items: await this.partners.list() };
  }

  /** The scopes a partner may be given, with the kinds of partner that may hold each. */
  @Get('scopes')
  @Roles(...READERS)
  scopes(): { items: Array<{ scope: string; kinds: string[] }> } {
    return { items: Object.entries(PARTNER_SCOPES).map(([scope, kinds]) => ({ scope, kinds: [...kinds] })) };
  }

  /** Register a partner organisation (`ORG:`, `AGB:` or `CORP:`) with its kind and scopes. Answers with the ETag. */
  @Post()
  @Roles(Role.REGION_ADMINISTRATOR)
  async register(@Body() body: RegisterPartnerRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<PartnerView> {
    const view = await this.partners.register(caller, body);
    res.setHeader('ETag', etagOf(view.revision));
    res.setHeader('Location', `/api/gateway/v1/partners/${encodeURIComponent(view.org)}`);
    return view;
  }

  /** A partner organisation by its identifier. Answers with the ETag for `If-Match`. */
  @Get(':org')
  @Roles(...READERS)
  async get(@Param('org') org: string, @Res({ passthrough: true }) res: Response): Promise<PartnerView> {
    const view = await this.partners.get(org);
    res.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  /** The whole new state; `If-Match` with the ETag is required (428 without, 412 when stale). */
  @Put(':org')
  @Roles(Role.REGION_ADMINISTRATOR)
  async change(
    @Param('org') org: string,
    @Body() body: ChangePartnerRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PartnerView> {
    const view = await this.partners.change(caller, org, body, ifMatch);
    res.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  /** The audit trail: every revision, who set it and when. */
  @Get(':org/revisions')
  @Roles(...READERS)
  async revisions(@Param('org') org: string): Promise<{ items: PartnerRevisionView[] }> {
    return { items: await this.partners.history(org) };
  }

  /** A new OAuth2 client (client credentials) for the partner: the secret is in this answer only. */
  @Post(':org/clients')
  @Roles(Role.REGION_ADMINISTRATOR)
  @UseGuards(SecretAnswerGuard)
  createClient(@Param('org') org: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<NewPartnerClientView> {
    res.setHeader('Cache-Control', 'no-store');
    return this.partners.createClient(caller, org);
  }

  /** The partner's OAuth2 clients (never their secrets). */
  @Get(':org/clients')
  @Roles(...READERS)
  async clients(@Param('org') org: string): Promise<{ items: PartnerClientView[] }> {
    return { items: await this.partners.clients(org) };
  }

  /** Revoke a client: tokens it gets from now on are refused (those issued run out within the hour). */
  @Delete(':org/clients/:clientId')
  @HttpCode(204)
  @Roles(Role.REGION_ADMINISTRATOR)
  revokeClient(@Param('org') org: string, @Param('clientId') clientId: string, @CurrentCaller() caller: Caller): Promise<void> {
    return this.partners.revokeClient(caller, org, clientId);
  }
}
