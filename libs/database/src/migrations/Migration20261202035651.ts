import { Migration } from '@mikro-orm/migrations';

export class Migration20261202035651 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "user_role" as enum ('guest', 'citizen', 'moderator', 'official', 'admin');`);
    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(254) null, "password_hash" varchar(255) null, "display_name" varchar(60) not null, "role" "user_role" not null, "locale" text check ("locale" in ('id', 'en')) null, "created_at" timestamptz not null default now(), constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`create index "users_role_index" on "users" ("role");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop type "user_role";`);
  }

}
