import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications (one per event and person: unique `(user_id, dedupe_key)`) and the durable e-mail
 * outbox beside them (one row per notification to mail; due rows found by a partial index).
 */
export class Migration20261204193200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notifications" ("id" uuid not null, "user_id" uuid not null, "type" varchar(40) not null, "dedupe_key" varchar(200) not null, "title" varchar(300) not null, "body" text not null, "link" varchar(500) not null, "subject_type" varchar(40) not null, "subject_id" uuid not null, "read_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "notifications_pkey" primary key ("id"));`);
    this.addSql(`create index "notifications_user_id_id_index" on "notifications" ("user_id", "id");`);
    this.addSql(`alter table "notifications" add constraint "notifications_user_id_dedupe_key_unique" unique ("user_id", "dedupe_key");`);
    this.addSql(`create table "notification_emails" ("id" uuid not null, "notification_id" uuid not null, "to_address" varchar(254) not null, "subject" varchar(300) not null, "text" text not null, "html" text not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "last_error" varchar(1000) null, "sent_at" timestamptz null, "failed_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "notification_emails_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_emails" add constraint "notification_emails_notification_id_unique" unique ("notification_id");`);
    this.addSql(`create index "notification_emails_due_index" on "notification_emails" ("next_attempt_at") where ((sent_at IS NULL) AND (failed_at IS NULL));`);
    this.addSql(`alter table "notification_emails" add constraint "notification_emails_notification_id_foreign" foreign key ("notification_id") references "notifications" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification_emails" drop constraint "notification_emails_notification_id_foreign";`);
    this.addSql(`drop table if exists "notifications" cascade;`);
    this.addSql(`drop table if exists "notification_emails" cascade;`);
  }
}
