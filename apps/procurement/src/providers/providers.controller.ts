import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, Page } from '@vangnet/platform';
import type { Response } from 'express';
import { AgbParam, CreateProviderRequest, ProviderListQuery, ProviderView, UpdateProviderRequest } from './providers.dto';
import { ProvidersService } from './providers.service';

@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async create(@Body() body: CreateProviderRequest, @Res({ passthrough: true }) res: Response): Promise<ProviderView> {
    const p = await this.providers.create(body);
    res.setHeader('ETag', etagOf(p.version));
    return p;
  }

  @Get()
  list(@Query() q: ProviderListQuery, @CurrentCaller() caller: Caller): Promise<Page<ProviderView>> {
    return this.providers.list(q, caller);
  }

  @Get(':agb')
  async get(@Param() p: AgbParam, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<ProviderView> {
    const provider = await this.providers.get(p.agb, caller);
    res.setHeader('ETag', etagOf(provider.version));
    return provider;
  }

  @Patch(':agb')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async update(
    @Param() p: AgbParam,
    @Body() body: UpdateProviderRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProviderView> {
    const provider = await this.providers.update(p.agb, body, ifMatch);
    res.setHeader('ETag', etagOf(provider.version));
    return provider;
  }
}
