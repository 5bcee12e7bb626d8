import { Migration } from '@mikro-orm/migrations';

/**
 * What became of an idea or a complaint: its state of progress on the thread (existing ideas and
 * complaints start `received`), and the public history of changes.
 */
export class Migration20261204193000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "forum_progress_state" as enum ('received', 'under_review', 'accepted', 'not_taken_up', 'done');`);
    this.addSql(`create table "forum_thread_progress" ("id" uuid not null, "thread_id" uuid not null, "state" "forum_progress_state" not null, "note" varchar(2000) null, "by_id" uuid not null, "by_name" varchar(60) not null, "at" timestamptz not null default now(), constraint "forum_thread_progress_pkey" primary key ("id"));`);
    this.addSql(`create index "forum_thread_progress_thread_id_id_index" on "forum_thread_progress" ("thread_id", "id");`);
    this.addSql(`alter table "forum_thread_progress" add constraint "forum_thread_progress_thread_id_foreign" foreign key ("thread_id") references "forum_threads" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "forum_threads" add column "progress_state" "forum_progress_state" null, add column "progress_note" varchar(2000) null, add column "progress_changed_at" timestamptz null;`);
    this.addSql(`create index "forum_threads_progress_state_status_id_index" on "forum_threads" ("progress_state", "status", "id");`);
    this.addSql(`update "forum_threads" set "progress_state" = 'received', "progress_changed_at" = "created_at" where "kind" in ('idea', 'complaint');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "forum_thread_progress" cascade;`);
    this.addSql(`drop index "forum_threads_progress_state_status_id_index";`);
    this.addSql(`alter table "forum_threads" drop column "progress_state", drop column "progress_note", drop column "progress_changed_at";`);
    this.addSql(`drop type "forum_progress_state";`);
  }
}
