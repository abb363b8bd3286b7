import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, Page, PageQuery } from '@vangnet/platform';
import type { Response } from 'express';
import { AgbParam, CreateProviderRequest, ProviderAuditView, ProviderListQuery, ProviderView, UpdateProviderRequest } from './providers.dto';
import { ProvidersService } from './providers.service';

@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  /** Register a provider. Region-wide master data, by a contract manager acting for every member municipality (audited). */
  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async create(@Body() body: CreateProviderRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<ProviderView> {
    const p = await this.providers.create(body, caller);
    res.setHeader('ETag', etagOf(p.version));
    return p;
  }

  /** Registered providers. Care providers, corporations and subsidised organisations (`?kind=`, `?name=` to filter). */
  @Get()
  list(@Query() q: ProviderListQuery, @CurrentCaller() caller: Caller): Promise<Page<ProviderView>> {
    return this.providers.list(q, caller);
  }

  /** A provider by its AGB code. Answers with the ETag for `If-Match`. */
  @Get(':agb')
  async get(@Param() p: AgbParam, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<ProviderView> {
    const provider = await this.providers.get(p.agb, caller);
    res.setHeader('ETag', etagOf(provider.version));
    return provider;
  }

  /** Every registration and change of the provider, newest first: who, when, before and after. */
  @Get(':agb/audit')
  @Roles(Role.AUDITOR, Role.PROCUREMENT_CONTRACT_MANAGER)
  audit(@Param() p: AgbParam, @Query() q: PageQuery): Promise<Page<ProviderAuditView>> {
    return this.providers.audit(p.agb, q);
  }

  /** Change a provider. A contract manager acts for every member municipality; `If-Match` with the ETag is required (audited). */
  @Patch(':agb')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async update(
    @Param() p: AgbParam,
    @Body() body: UpdateProviderRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProviderView> {
    const provider = await this.providers.update(p.agb, body, ifMatch, caller);
    res.setHeader('ETag', etagOf(provider.version));
    return provider;
  }
}
