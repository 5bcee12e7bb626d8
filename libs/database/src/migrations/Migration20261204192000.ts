import { Migration } from '@mikro-orm/migrations';

/**
 * The public transparency log (libs/transparency): an append-only, hash-chained table. A trigger
 * refuses UPDATE, DELETE and TRUNCATE, so no code path (nor a slip at the SQL prompt) rewrites an
 * entry; a database owner can still disable it, which is why the chain and its published head
 * matter (docs/TRANSPARENCY.md).
 */
export class Migration20261204192000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "transparency_log" ("seq" bigint not null, "type" varchar(100) not null, "subject_id" varchar(200) not null, "payload" text not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, "created_at" timestamptz not null, constraint "transparency_log_pkey" primary key ("seq"));`,
    );
    this.addSql(`alter table "transparency_log" add constraint "transparency_log_prev_hash_unique" unique ("prev_hash");`);
    this.addSql(`alter table "transparency_log" add constraint "transparency_log_hash_unique" unique ("hash");`);
    this.addSql(
      `create function transparency_log_append_only() returns trigger language plpgsql as $$
         begin
           raise exception 'transparency_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
         end
       $$;`,
    );
    this.addSql(
      `create trigger transparency_log_no_change before update or delete on "transparency_log" for each row execute function transparency_log_append_only();`,
    );
    this.addSql(
      `create trigger transparency_log_no_truncate before truncate on "transparency_log" for each statement execute function transparency_log_append_only();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "transparency_log";`);
    this.addSql(`drop function transparency_log_append_only();`);
  }
}
