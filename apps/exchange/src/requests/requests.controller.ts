import { Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { RequestsService } from './requests.service';

/** Run the answer-term job now (it also runs on a timer): every open request past 5 working days gets its 319 "in onderzoek". */
@Controller('v1/requests')
export class RequestsController {
  constructor(private readonly service: RequestsService) {}

  /** Run the answer-term job now: every open request past 5 working days gets its 319 "in onderzoek". It also runs on a timer. */
  @Post('answer-terms/run')
  @HttpCode(200)
  @Roles(Role.ACCESS_DECISION_MAKER, Role.PLATFORM_OPERATOR)
  async run(): Promise<{ answered: number }> {
    return { answered: await this.service.answerDue() };
  }
}
