import { Migration } from '@mikro-orm/migrations';

/** Forum rows keep the author's display name as written, so lists need no lookup in identity's table. */
export class Migration20261202042813 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['forum_threads', 'forum_posts']) {
      this.addSql(`alter table "${table}" add column "author_name" varchar(60) not null default '';`);
      // Rows written before this migration: take the name from the users table once.
      this.addSql(`update "${table}" f set "author_name" = u."display_name" from "users" u where u."id" = f."author_id";`);
      this.addSql(`alter table "${table}" alter column "author_name" drop default;`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "forum_threads" drop column "author_name";`);
    this.addSql(`alter table "forum_posts" drop column "author_name";`);
  }
}
