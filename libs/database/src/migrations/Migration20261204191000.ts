import { Migration } from '@mikro-orm/migrations';

/**
 * The decisions room: a closed consultation's stored summary (jsonb), its one decision (the unique
 * consultation id keeps it one; a decision freezes a copy of the summary) and the amendments
 * appended to it. Decisions and amendments are only ever inserted.
 */
export class Migration20261204191000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "consultation_summaries" ("consultation_id" uuid not null, "summary" jsonb not null, "generated_at" timestamptz not null default now(), constraint "consultation_summaries_pkey" primary key ("consultation_id"));`,
    );
    this.addSql(
      `create table "decisions" ("id" uuid not null, "consultation_id" uuid not null, "consultation_title" varchar(200) not null, "title" varchar(200) not null, "body" text not null, "summary" jsonb not null, "cited_thread_ids" jsonb not null, "published_by" uuid not null, "published_at" timestamptz not null default now(), "log_seq" bigint null, "log_hash" varchar(64) null, constraint "decisions_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "decisions" add constraint "decisions_consultation_id_unique" unique ("consultation_id");`);
    this.addSql(
      `create table "decision_amendments" ("id" uuid not null, "decision_id" uuid not null, "body" text not null, "amended_by" uuid not null, "amended_at" timestamptz not null default now(), "log_seq" bigint null, "log_hash" varchar(64) null, constraint "decision_amendments_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "decision_amendments_decision_id_id_index" on "decision_amendments" ("decision_id", "id");`);
    this.addSql(
      `alter table "decision_amendments" add constraint "decision_amendments_decision_id_foreign" foreign key ("decision_id") references "decisions" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "decision_amendments" cascade;`);
    this.addSql(`drop table if exists "decisions" cascade;`);
    this.addSql(`drop table if exists "consultation_summaries" cascade;`);
  }
}
