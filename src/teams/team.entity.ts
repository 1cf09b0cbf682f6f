import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';

/** A group of users (a country desk, a legal team, a partner organisation); members in team_members. */
@Entity('teams')
export class Team extends BaseEntity {
  @Column({ type: 'text' })
  name: string;
}
