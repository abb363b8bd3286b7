import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { pseudonymize } from '@vangnet/auth';
import { IsoDate, PERSON_COMING_OF_AGE_V1, PersonComingOfAgeV1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { BackgroundJob, Clock, intervalFromEnv } from '@vangnet/platform';
import { PersonsService } from '../persons/persons.service';
import { eighteenOn } from '../persons/persons.rules';
import { ProvisionsService } from '../provisions/provisions.service';
import { comingOfAgeNoticeOn } from './coming-of-age.rules';
import { ComingOfAgeRepository } from './coming-of-age.repository';

// Running youth lineages looked at per run.
const RUNNING_LIMIT = 10_000;

interface Notice {
  personId: string;
  data: PersonComingOfAgeV1;
  municipality: string;
}

/**
 * access.person.coming-of-age.v1: a job on the Clock looks at every young person with a running
 * Jeugdwet provision and announces each once, on the day comingOfAgeNoticeOn says.
 */
@Injectable()
export class ComingOfAgeService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: BackgroundJob<{ announced: number }>;

  constructor(
    private readonly notices: ComingOfAgeRepository,
    private readonly persons: PersonsService,
    private readonly provisions: ProvisionsService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {
    this.job = new BackgroundJob('ComingOfAgeJob', () => this.run());
  }

  onApplicationBootstrap(): void {
    this.job.every(intervalFromEnv('ACCESS_JOB_INTERVAL_MS', 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** One run: announces everyone whose day has come and who was not announced before. */
  async run(today: IsoDate = this.clock.today()): Promise<{ announced: number }> {
    const running = await this.provisions.runningYouth(today, RUNNING_LIMIT);
    const byPerson = new Map<string, typeof running>();
    for (const l of running) byPerson.set(l.personId, [...(byPerson.get(l.personId) ?? []), l]);
    const done = await this.notices.announced([...byPerson.keys()]);
    let announced = 0;
    for (const personId of [...byPerson.keys()].filter((id) => !done.has(id))) {
      const lineages = [...(byPerson.get(personId) ?? [])].sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0));
      // The birth date and BRP municipality as the municipality of the first youth provision recorded them (ADR 0051).
      const person = await this.persons.inMunicipality(personId, lineages[0].municipality);
      if (!person?.birthDate) continue;
      const eighteen = eighteenOn(person.birthDate);
      const on = comingOfAgeNoticeOn(eighteen, lineages[0].periodStart);
      if (!on || on > today) continue;
      const data: PersonComingOfAgeV1 = {
        personId: person.id,
        personPseudonym: pseudonymize(person.bsn),
        eighteenOn: eighteen,
        ...(person.brpMunicipality ? { brpMunicipality: person.brpMunicipality } : {}),
        youthProvisionLineageIds: lineages.map((l) => l.id),
      };
      if (await this.announce({ personId: person.id, data, municipality: lineages[0].municipality }, today)) announced++;
    }
    return { announced };
  }

  /** One person in a transaction of its own: the notice row and the event, or neither. */
  @Transactional()
  private async announce(n: Notice, today: IsoDate): Promise<boolean> {
    if (!(await this.notices.insert({ personId: n.personId, eighteenOn: n.data.eighteenOn, publishedOn: today }))) return false;
    await this.outbox.publish({ type: PERSON_COMING_OF_AGE_V1, data: n.data, municipality: n.municipality });
    return true;
  }
}
