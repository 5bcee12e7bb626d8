import { Migration } from '@mikro-orm/migrations';

/** Whether a person's notifications also go by e-mail (on by default). */
export class Migration20261204193100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "email_notifications" boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "email_notifications";`);
  }
}
