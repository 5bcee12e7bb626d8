import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { CONSULTATION_STATUSES, ConsultationStatus } from '@balai/contracts';
import { newId } from '@balai/database';

@Entity({ tableName: 'consultations' })
@Index({ properties: ['status', 'id'] })
export class Consultation {
  /** UUIDv7: ordering by id is ordering by creation time. */
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** Markdown, stored as written. */
  @Property({ type: 'text' })
  description!: string;

  @Enum({ items: () => [...CONSULTATION_STATUSES], nativeEnumName: 'consultation_status' })
  status: Opt<ConsultationStatus> = 'open';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  /** After this moment the consultation takes no new input, even before an official closes it. */
  @Property({ type: 'datetime', nullable: true })
  closesAt: Date | null = null;

  /** The official who created it (a user id; identity owns the users table). */
  @Property({ type: 'uuid' })
  createdBy!: string;

  /** Open, and not past its closing time. */
  acceptsInput(now: Date = new Date()): boolean {
    return this.status === 'open' && (this.closesAt === null || this.closesAt.getTime() > now.getTime());
  }
}
