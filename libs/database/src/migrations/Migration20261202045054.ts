import { Migration } from '@mikro-orm/migrations';

/** One row per person who took part in a consultation through the forum, so participants are counted without scanning posts. */
export class Migration20261202045054 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "forum_participants" ("consultation_id" uuid not null, "user_id" uuid not null, "first_at" timestamptz not null default now(), constraint "forum_participants_pkey" primary key ("consultation_id", "user_id"));`,
    );
    // Activity written before this migration.
    this.addSql(
      `insert into "forum_participants" ("consultation_id", "user_id")
       select distinct consultation_id, user_id from (
         select t.consultation_id, t.author_id as user_id from forum_threads t where t.consultation_id is not null
         union all select t.consultation_id, p.author_id from forum_posts p join forum_threads t on t.id = p.thread_id where t.consultation_id is not null
         union all select t.consultation_id, s.user_id from forum_thread_supports s join forum_threads t on t.id = s.thread_id where t.consultation_id is not null
       ) activity on conflict do nothing;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "forum_participants" cascade;`);
  }
}
