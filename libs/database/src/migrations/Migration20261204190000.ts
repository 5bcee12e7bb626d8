import { Migration } from '@mikro-orm/migrations';

/**
 * Moderation: the queue (`moderation_items`, one pending item per target by a partial unique index),
 * reports (one per reporter and target), the log (`moderation_actions`), a city's banned words,
 * suspensions; and on the live side, mutes per session, a question's source (`app`, `hall`, `card`)
 * and the `merged` status with the question it was merged into.
 */
export class Migration20261204190000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "live_question_source" as enum ('app', 'hall', 'card');`);
    this.addSql(`create table "moderation_banned_words" ("locale" varchar(2) not null, "word" varchar(60) not null, "created_at" timestamptz not null default now(), constraint "moderation_banned_words_pkey" primary key ("locale", "word"));`);

    this.addSql(`create table "live_session_mutes" ("session_id" uuid not null, "user_id" uuid not null, "until" timestamptz null, "reason" varchar(500) not null, "muted_by" uuid not null, "created_at" timestamptz not null default now(), constraint "live_session_mutes_pkey" primary key ("session_id", "user_id"));`);

    this.addSql(`create table "moderation_actions" ("id" uuid not null, "action" varchar(32) not null, "reason_code" varchar(32) null, "note" varchar(1000) null, "moderator_id" uuid not null, "moderator_name" varchar(60) not null, "target_type" varchar(16) not null, "target_id" uuid not null, "item_id" uuid null, "session_id" uuid null, "consultation_id" uuid null, "notify_user_id" uuid null, "created_at" timestamptz not null default now(), constraint "moderation_actions_pkey" primary key ("id"));`);
    this.addSql(`create index "moderation_actions_target_type_target_id_index" on "moderation_actions" ("target_type", "target_id");`);

    this.addSql(`create table "moderation_items" ("id" uuid not null, "type" varchar(16) not null, "target_type" varchar(16) not null, "target_id" uuid not null, "excerpt" text not null, "author_id" uuid null, "author_name" varchar(60) null, "session_id" uuid null, "consultation_id" uuid null, "thread_id" uuid null, "reasons" text[] not null default '{}', "report_count" int not null default 0, "auto_hidden" boolean not null default false, "status" varchar(16) not null default 'pending', "claimed_by" uuid null, "claimed_by_name" varchar(60) null, "claimed_until" timestamptz null, "resolution" varchar(16) null, "resolved_by" uuid null, "resolved_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "moderation_items_pkey" primary key ("id"));`);
    this.addSql(`create unique index "moderation_items_pending_target_unique" on "moderation_items" ("target_type", "target_id") where status = 'pending';`);
    this.addSql(`create index "moderation_items_status_report_count_id_index" on "moderation_items" ("status", "report_count", "id");`);
    this.addSql(`create index "moderation_items_status_id_index" on "moderation_items" ("status", "id");`);

    this.addSql(`create table "moderation_reports" ("id" uuid not null, "target_type" varchar(16) not null, "target_id" uuid not null, "reporter_id" uuid not null, "reason" varchar(32) not null, "note" varchar(1000) null, "created_at" timestamptz not null default now(), constraint "moderation_reports_pkey" primary key ("id"));`);
    this.addSql(`create index "moderation_reports_reporter_id_index" on "moderation_reports" ("reporter_id");`);
    this.addSql(`alter table "moderation_reports" add constraint "moderation_reports_target_type_target_id_reporter_id_unique" unique ("target_type", "target_id", "reporter_id");`);

    this.addSql(`create table "moderation_suspensions" ("user_id" uuid not null, "until" timestamptz null, "reason" varchar(500) not null, "suspended_by" uuid not null, "created_at" timestamptz not null default now(), constraint "moderation_suspensions_pkey" primary key ("user_id"));`);

    this.addSql(`alter type "live_question_status" add value if not exists 'merged' after 'archived';`);

    this.addSql(`alter table "live_questions" add column "source" "live_question_source" not null default 'app', add column "merged_into" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moderation_banned_words" cascade;`);

    this.addSql(`drop table if exists "live_session_mutes" cascade;`);

    this.addSql(`drop table if exists "moderation_actions" cascade;`);

    this.addSql(`drop table if exists "moderation_items" cascade;`);

    this.addSql(`drop table if exists "moderation_reports" cascade;`);

    this.addSql(`drop table if exists "moderation_suspensions" cascade;`);

    this.addSql(`alter table "live_questions" drop column "source", drop column "merged_into";`);

    this.addSql(`drop type "live_question_source";`);
  }

}
