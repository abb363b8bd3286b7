import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, Page, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import {
  ContractListQuery,
  ContractView,
  CreateContractRequest,
  EndContractRequest,
  ExtensionRequest,
  OptionDeadlineQuery,
  OptionDeadlineView,
  SetTariffRequest,
} from './contracts.dto';
import { ContractsService } from './contracts.service';

@Controller('v1/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  /** Draft a contract with a provider for products and tariffs. Answers with the ETag. */
  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async create(@Body() body: CreateContractRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<ContractView> {
    return withEtag(res, await this.contracts.create(body, caller));
  }

  /** Contracts in your municipalities (or a provider's own), with filters. */
  @Get()
  list(@Query() q: ContractListQuery, @CurrentCaller() caller: Caller): Promise<Page<ContractView>> {
    return this.contracts.list(q, caller);
  }

  /** Open options whose decision is due within `withinDays` (default 92, about three months). */
  @Get('option-deadlines')
  optionDeadlines(@Query() q: OptionDeadlineQuery, @CurrentCaller() caller: Caller): Promise<{ items: OptionDeadlineView[] }> {
    return this.contracts.optionDeadlines(q.withinDays ?? 92, caller);
  }

  /** A contract with its products, tariffs and options. Answers with the ETag for `If-Match`. */
  @Get(':id')
  async get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<ContractView> {
    const { view } = await this.contracts.get(id, caller);
    return withEtag(res, view);
  }

  /** Exercise or decline an option (extension), with the quality and satisfaction evaluation behind it. */
  @Post(':id/extensions')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async extend(
    @Param('id', UuidPipe) id: string,
    @Body() body: ExtensionRequest,
    @CurrentCaller() caller: Caller,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContractView> {
    return withEtag(res, await this.contracts.decideExtension(id, body, caller, ifMatch));
  }

  /** Activate a drafted contract. */
  @Post(':id/activate')
  @HttpCode(200)
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async activate(
    @Param('id', UuidPipe) id: string,
    @CurrentCaller() caller: Caller,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContractView> {
    return withEtag(res, await this.contracts.activate(id, caller, ifMatch));
  }

  /** Set a contracted product's tariff for a year (not for a year whose tariff is already in force). */
  @Put(':id/tariffs')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async setTariff(
    @Param('id', UuidPipe) id: string,
    @Body() body: SetTariffRequest,
    @CurrentCaller() caller: Caller,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContractView> {
    return withEtag(res, await this.contracts.setTariff(id, body, caller, ifMatch));
  }

  /** End the contract early, on `endDate` (today or later). */
  @Post(':id/end')
  @HttpCode(200)
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async end(
    @Param('id', UuidPipe) id: string,
    @Body() body: EndContractRequest,
    @CurrentCaller() caller: Caller,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContractView> {
    return withEtag(res, await this.contracts.end(id, body, caller, ifMatch));
  }
}

function withEtag(res: Response, view: ContractView): ContractView {
  res.setHeader('ETag', etagOf(view.revision));
  return view;
}
