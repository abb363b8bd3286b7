import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CatalogueEntryParams, CatalogueParams, CatalogueQuery, CatalogueView, PublishCatalogueRequest, WithdrawQuery } from './catalogue.dto';
import { CatalogueService } from './catalogue.service';

@Controller('v1/catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  /** Add codes, or new versions of codes from a future date; entries that exist unchanged are left alone. */
  @Post(':municipality/:year')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  publish(@Param() p: CatalogueParams, @Body() body: PublishCatalogueRequest, @CurrentCaller() caller: Caller): Promise<CatalogueView> {
    return this.catalogue.publish(p.municipality, p.year, body.entries, caller);
  }

  /** A municipality's product catalogue for a year (`?date=` for the codes in force on a date). */
  @Get(':municipality/:year')
  get(@Param() p: CatalogueParams, @Query() q: CatalogueQuery, @CurrentCaller() caller: Caller): Promise<CatalogueView> {
    return this.catalogue.get(p.municipality, p.year, q.date, caller);
  }

  /** Withdraw a code from a future date (`?from=`); its started period stays as it was. */
  @Delete(':municipality/:year/:category/:code')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  withdraw(@Param() p: CatalogueEntryParams, @Query() q: WithdrawQuery, @CurrentCaller() caller: Caller): Promise<CatalogueView> {
    return this.catalogue.withdraw(p.municipality, p.year, p.category, p.code, q.from, caller);
  }
}
