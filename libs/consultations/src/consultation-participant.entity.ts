import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Who took part in a consultation, in any way (a thread, post or support, a question or upvote in one
 * of its live sessions, a ballot in one of its polls): one row per person, recorded by the domain that
 * took the input (`ConsultationsService.recordParticipants`), so counting participants never scans
 * the other domains' tables.
 */
@Entity({ tableName: 'consultation_participants' })
export class ConsultationParticipant {
  @PrimaryKey({ type: 'uuid' })
  consultationId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  firstAt: Opt<Date> = new Date();
}
