import { Migration } from '@mikro-orm/migrations';

/**
 * Question counters are updated by every vote batch. With `upvotes` in an index every update was a
 * full new row version with new entries in all three indexes (42,699 updates, none HOT, 1.2 MB of
 * dead rows for 300 questions after a benchmark). Without it, and with room left on each page, the
 * updates are heap-only (HOT) and pruned in place. The top questions of a session are sorted in memory
 * (a session has hundreds of questions, not millions).
 */
export class Migration20261202112158 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "live_questions_session_id_status_upvotes_index";`);
    this.addSql(`create index "live_questions_session_id_status_index" on "live_questions" ("session_id", "status");`);
    this.addSql(`alter table "live_questions" set (fillfactor = 50);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "live_questions" reset (fillfactor);`);
    this.addSql(`drop index "live_questions_session_id_status_index";`);
    this.addSql(`create index "live_questions_session_id_status_upvotes_index" on "live_questions" ("session_id", "status", "upvotes");`);
  }
}
