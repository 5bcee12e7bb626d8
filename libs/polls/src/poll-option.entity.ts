import { Entity, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '@balai/database';
import { Poll } from './poll.entity';

@Entity({ tableName: 'poll_options' })
@Unique({ properties: ['poll', 'position'] })
export class PollOption {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @ManyToOne({ entity: () => Poll, mapToPk: true, deleteRule: 'cascade' })
  poll!: string;

  @Property({ type: 'string', length: 200 })
  label!: string;

  /** 0-based order in which the options were given. */
  @Property({ type: 'smallint' })
  position!: number;
}
