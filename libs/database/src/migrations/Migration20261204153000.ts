import { Migration } from '@mikro-orm/migrations';

/**
 * Consultations own who took part in them: one `consultation_participants` table, recorded by the
 * domain that took the input, replaces the union of SQL each domain handed to consultations (and the
 * forum's own `forum_participants`). `consultation_accepts_input(id)` is the consultations domain's
 * answer to "does this consultation take input now?" for a statement that must ask it inside itself
 * (the live vote group commit: one round trip per batch).
 */
export class Migration20261204153000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "consultation_participants" ("consultation_id" uuid not null, "user_id" uuid not null, "first_at" timestamptz not null default now(), constraint "consultation_participants_pkey" primary key ("consultation_id", "user_id"));`,
    );
    this.addSql(
      `insert into "consultation_participants" ("consultation_id", "user_id", "first_at")
       select consultation_id, user_id, min(first_at) from (
         select consultation_id, user_id, first_at from forum_participants
         union all select s.consultation_id, q.author_id, q.created_at from live_questions q join live_sessions s on s.id = q.session_id where s.consultation_id is not null
         union all select s.consultation_id, u.user_id, u.created_at from live_upvotes u join live_sessions s on s.id = u.session_id where s.consultation_id is not null
         union all select p.consultation_id, b.user_id, b.created_at from poll_ballots b join polls p on p.id = b.poll_id where p.consultation_id is not null
       ) activity group by consultation_id, user_id;`,
    );
    this.addSql(`drop table "forum_participants";`);
    this.addSql(
      `create function consultation_accepts_input(consultation uuid) returns boolean language sql stable as $$
         select exists (select 1 from consultations c where c.id = consultation and c.status = 'open' and (c.closes_at is null or c.closes_at > now()))
       $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop function consultation_accepts_input(uuid);`);
    this.addSql(
      `create table "forum_participants" ("consultation_id" uuid not null, "user_id" uuid not null, "first_at" timestamptz not null default now(), constraint "forum_participants_pkey" primary key ("consultation_id", "user_id"));`,
    );
    this.addSql(`insert into "forum_participants" select consultation_id, user_id, first_at from consultation_participants;`);
    this.addSql(`drop table "consultation_participants";`);
  }
}
