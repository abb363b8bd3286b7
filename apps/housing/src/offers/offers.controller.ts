import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { AnswerOfferRequest, CreateOfferRequest, OfferListQuery, OfferView, WithdrawOfferRequest } from './offers.dto';
import { OffersService } from './offers.service';

@Controller('v1/offers')
export class OffersController {
  constructor(private readonly service: OffersService) {}

  /** Offer a free place to a waiting entry: the place is reserved for it. */
  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateOfferRequest, @CurrentCaller() caller: Caller): Promise<OfferView> {
    return this.service.create(caller, body);
  }

  /** Offers of places (`?stalled=true`: open offers past their last day to answer). */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: OfferListQuery, @CurrentCaller() caller: Caller): Promise<Page<OfferView>> {
    return this.service.list(caller, q);
  }

  /** An offer with its place, entry and last day to answer. */
  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<OfferView> {
    return this.service.get(caller, id);
  }

  /** Record the resident's answer to the offer: accepted or declined. */
  @Post(':id/answer')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  answer(@Param('id', UuidPipe) id: string, @Body() body: AnswerOfferRequest, @CurrentCaller() caller: Caller): Promise<OfferView> {
    return this.service.answer(caller, id, body);
  }

  /** Withdraw an open offer. */
  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  withdraw(@Param('id', UuidPipe) id: string, @Body() body: WithdrawOfferRequest, @CurrentCaller() caller: Caller): Promise<OfferView> {
    return this.service.withdraw(caller, id, body.reason);
  }
}
