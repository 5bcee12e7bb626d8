import { BigIntType, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One entry of the public, hash-chained transparency log. Append-only: the repository has no
 * UPDATE or DELETE, and a trigger (migration Migration20261204192000) refuses both, and TRUNCATE,
 * to every role but one that disables it. Rows are written through `TransparencyLogService.append`
 * only, which serialises appends with an advisory lock so the chain never forks.
 */
@Entity({ tableName: 'transparency_log' })
export class TransparencyLogEntryRow {
  /** 1, 2, 3, … without gaps (not a sequence: the appender takes the last seq + 1 under its lock). */
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  seq!: number;

  @Property({ type: 'string', length: 100 })
  type!: string;

  @Property({ type: 'string', length: 200 })
  subjectId!: string;

  /** The payload as canonical JSON text, exactly the bytes that were hashed (jsonb would rewrite some). */
  @Property({ type: 'text' })
  payload!: string;

  /** The previous entry's hash; unique, so two entries can never follow the same one. */
  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'transparency_log_prev_hash_unique' })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'transparency_log_hash_unique' })
  hash!: string;

  /** Whole milliseconds, from the database clock at the append. */
  @Property({ type: 'datetime' })
  createdAt!: Date;
}
