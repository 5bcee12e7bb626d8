import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040336 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "consultation_status" as enum ('draft', 'open', 'closed', 'decided');`);
    this.addSql(`create table "consultations" ("id" uuid not null, "title" varchar(200) not null, "description" text not null, "status" "consultation_status" not null default 'open', "created_at" timestamptz not null default now(), "closes_at" timestamptz null, "created_by" uuid not null, constraint "consultations_pkey" primary key ("id"));`);
    this.addSql(`create index "consultations_status_id_index" on "consultations" ("status", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "consultations" cascade;`);

    this.addSql(`drop type "consultation_status";`);
  }

}
