import { Migration } from '@mikro-orm/migrations';

/** A version per question counter, so processes can tell the newer of two announced counts without reading the database. */
export class Migration20261202103058 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "live_questions" add column "upvotes_version" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "live_questions" drop column "upvotes_version";`);
  }
}
