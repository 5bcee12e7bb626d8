import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { LiveSessionStatus } from '@balai/contracts';
import { pgUuidArray, runSql } from '@balai/database';
import { LiveSessionFields } from './live-session.entity';

/** A `live_sessions` row as the driver returns it. */
interface SessionRecord {
  id: string;
  code: string;
  title: string;
  status: LiveSessionStatus;
  pre_moderation: boolean;
  allow_anonymous: boolean;
  consultation_id: string | null;
  on_screen_question_id: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  ended_at: Date | string | null;
}

/** What a page of sessions is filtered by, and where it starts. */
export interface SessionPageFilter {
  status?: LiveSessionStatus;
  consultationId?: string;
  /** The id of the previous page's last session. */
  beforeId?: string;
  /** Rows to fetch. */
  limit: number;
}

const SESSION_COLUMNS = `id, code, title, status, pre_moderation, allow_anonymous, consultation_id, on_screen_question_id,
       created_at, started_at, ended_at`;

/** The live domain's statements on `live_sessions`. */
@Injectable()
export class LiveSessionsRepository {
  constructor(private readonly em: EntityManager) {}

  /** A plain read for views: a hall's joins read the session over and over (no entity, no unit of work). */
  async byId(id: string): Promise<LiveSessionFields | null> {
    const [row] = await runSql<SessionRecord>(this.em, `select ${SESSION_COLUMNS} from live_sessions where id = ?`, [id]);
    return row ? toFields(row) : null;
  }

  /** `code` as the join code is stored: upper case, no spaces. */
  async byCode(code: string): Promise<LiveSessionFields | null> {
    const [row] = await runSql<SessionRecord>(this.em, `select ${SESSION_COLUMNS} from live_sessions where code = ?`, [code]);
    return row ? toFields(row) : null;
  }

  /** Newest first (ids are time-ordered UUIDv7), strictly before `beforeId`: a keyset page. */
  async page(filter: SessionPageFilter): Promise<LiveSessionFields[]> {
    const clauses: [sql: string, value: unknown][] = [];
    if (filter.status !== undefined) clauses.push(['status = ?', filter.status]);
    if (filter.consultationId !== undefined) clauses.push(['consultation_id = ?', filter.consultationId]);
    if (filter.beforeId !== undefined) clauses.push(['id < ?', filter.beforeId]);
    const where = clauses.length > 0 ? `where ${clauses.map(([sql]) => sql).join(' and ')}` : '';
    const params = clauses.map(([, value]) => value);
    const rows = await runSql<SessionRecord>(this.em, `select ${SESSION_COLUMNS} from live_sessions ${where} order by id desc limit ?`, [
      ...params,
      filter.limit,
    ]);
    return rows.map(toFields);
  }

  /** The session's status, or null when there is none; on a connection of its own, outside any transaction. */
  async statusOf(id: string): Promise<LiveSessionStatus | null> {
    const [row] = await runSql<{ status: LiveSessionStatus }>(this.em.fork(), `select status from live_sessions where id = ?`, [id]);
    return row?.status ?? null;
  }

  /** The session's status and consultation, on a connection of its own (null: no such session). */
  async inputStateOf(id: string): Promise<{ status: LiveSessionStatus; consultationId: string | null } | null> {
    const [row] = await runSql<{ status: LiveSessionStatus; consultation_id: string | null }>(
      this.em.fork(),
      `select status, consultation_id from live_sessions where id = ?`,
      [id],
    );
    return row ? { status: row.status, consultationId: row.consultation_id } : null;
  }

  /** Sessions per consultation; consultations without one are left out. */
  async countByConsultation(consultationIds: readonly string[]): Promise<Map<string, number>> {
    if (consultationIds.length === 0) return new Map();
    const rows = await runSql<{ consultation_id: string; sessions: number | string }>(
      this.em,
      `select consultation_id, count(*) as sessions from live_sessions where consultation_id = any(?::uuid[]) group by consultation_id`,
      [pgUuidArray(consultationIds)],
    );
    return new Map(rows.map((row) => [row.consultation_id, Number(row.sessions)]));
  }
}

function toFields(row: SessionRecord): LiveSessionFields {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    status: row.status,
    preModeration: row.pre_moderation,
    allowAnonymous: row.allow_anonymous,
    consultationId: row.consultation_id,
    onScreenQuestionId: row.on_screen_question_id,
    createdAt: new Date(row.created_at),
    startedAt: row.started_at === null ? null : new Date(row.started_at),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at),
  };
}
