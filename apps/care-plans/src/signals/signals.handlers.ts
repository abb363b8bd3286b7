import { Injectable } from '@nestjs/common';
import { PERSON_COMING_OF_AGE_V1, PersonComingOfAgeV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { SignalsService } from './signals.service';

/** access.person.coming-of-age: a young person with youth care turns 18. */
@Injectable()
export class SignalsHandlers {
  constructor(private readonly service: SignalsService) {}

  @OnEvent(PERSON_COMING_OF_AGE_V1, PersonComingOfAgeV1)
  comingOfAge(data: PersonComingOfAgeV1): Promise<void> {
    return this.service.applyComingOfAge(data);
  }
}
