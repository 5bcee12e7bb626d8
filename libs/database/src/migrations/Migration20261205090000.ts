import { Migration } from '@mikro-orm/migrations';

/**
 * When each account's sessions last ended (sign-out, role change, suspension, deleted account):
 * tokens issued before are refused. No foreign key, so the end outlives a deleted account; the index
 * serves the start-up read of the ends within the token lifetime.
 */
export class Migration20261205090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "session_ends" ("user_id" uuid not null, "ended_at" timestamptz not null, constraint "session_ends_pkey" primary key ("user_id"));`);
    this.addSql(`create index "session_ends_ended_at_index" on "session_ends" ("ended_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "session_ends" cascade;`);
  }
}
