import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040521 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "polls" ("id" uuid not null, "question" varchar(300) not null, "multiple" boolean not null default false, "status" text check ("status" in ('open', 'closed')) not null default 'open', "results_visibility" text check ("results_visibility" in ('live', 'after_close')) not null default 'live', "consultation_id" uuid null, "live_session_id" uuid null, "closes_at" timestamptz null, "created_by" uuid not null, "created_at" timestamptz not null default now(), "closed_at" timestamptz null, constraint "polls_pkey" primary key ("id"));`);
    this.addSql(`create index "polls_consultation_id_index" on "polls" ("consultation_id");`);
    this.addSql(`create index "polls_live_session_id_index" on "polls" ("live_session_id");`);

    this.addSql(`create table "poll_ballots" ("poll_id" uuid not null, "user_id" uuid not null, "option_ids" uuid[] not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "poll_ballots_pkey" primary key ("poll_id", "user_id"));`);

    this.addSql(`create table "poll_options" ("id" uuid not null, "poll_id" uuid not null, "label" varchar(200) not null, "position" smallint not null, constraint "poll_options_pkey" primary key ("id"));`);
    this.addSql(`alter table "poll_options" add constraint "poll_options_poll_id_position_unique" unique ("poll_id", "position");`);

    this.addSql(`alter table "poll_ballots" add constraint "poll_ballots_poll_id_foreign" foreign key ("poll_id") references "polls" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "poll_options" add constraint "poll_options_poll_id_foreign" foreign key ("poll_id") references "polls" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "poll_ballots" drop constraint "poll_ballots_poll_id_foreign";`);

    this.addSql(`alter table "poll_options" drop constraint "poll_options_poll_id_foreign";`);

    this.addSql(`drop table if exists "polls" cascade;`);

    this.addSql(`drop table if exists "poll_ballots" cascade;`);

    this.addSql(`drop table if exists "poll_options" cascade;`);
  }

}
