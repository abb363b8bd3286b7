import { IsoDate } from '@vangnet/contracts';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A person whose coming of age access announced (access.person.coming-of-age.v1): once each. */
@Entity('coming_of_age')
export class ComingOfAgeEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @Column({ type: 'date' }) eighteenOn!: IsoDate;
  @Column({ type: 'date' }) publishedOn!: IsoDate;
}
