import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040859 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "live_question_status" as enum ('pending', 'approved', 'rejected', 'answered', 'archived');`);
    this.addSql(`create type "live_session_status" as enum ('scheduled', 'live', 'ended');`);
    this.addSql(`create table "live_questions" ("id" uuid not null, "session_id" uuid not null, "author_id" uuid not null, "author_name" varchar(60) not null, "anonymous" boolean not null default false, "client_request_id" varchar(64) not null, "text" text not null, "status" "live_question_status" not null, "upvotes" int not null default 0, "rejection_reason" varchar(500) null, "created_at" timestamptz not null default now(), constraint "live_questions_pkey" primary key ("id"));`);
    this.addSql(`create index "live_questions_session_id_status_upvotes_index" on "live_questions" ("session_id", "status", "upvotes");`);
    this.addSql(`alter table "live_questions" add constraint "live_questions_session_id_author_id_client_request_id_unique" unique ("session_id", "author_id", "client_request_id");`);

    this.addSql(`create table "live_sessions" ("id" uuid not null, "code" varchar(6) not null, "title" varchar(200) not null, "consultation_id" uuid null, "status" "live_session_status" not null default 'scheduled', "pre_moderation" boolean not null default true, "allow_anonymous" boolean not null default true, "created_by" uuid not null, "on_screen_question_id" uuid null, "created_at" timestamptz not null default now(), "started_at" timestamptz null, "ended_at" timestamptz null, constraint "live_sessions_pkey" primary key ("id"));`);
    this.addSql(`alter table "live_sessions" add constraint "live_sessions_code_unique" unique ("code");`);
    this.addSql(`create index "live_sessions_consultation_id_index" on "live_sessions" ("consultation_id");`);

    this.addSql(`create table "live_upvotes" ("question_id" uuid not null, "user_id" uuid not null, "session_id" uuid not null, "created_at" timestamptz not null default now(), constraint "live_upvotes_pkey" primary key ("question_id", "user_id"));`);
    this.addSql(`create index "live_upvotes_session_id_user_id_index" on "live_upvotes" ("session_id", "user_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live_questions" cascade;`);

    this.addSql(`drop table if exists "live_sessions" cascade;`);

    this.addSql(`drop table if exists "live_upvotes" cascade;`);

    this.addSql(`drop type "live_question_status";`);
    this.addSql(`drop type "live_session_status";`);
  }

}
