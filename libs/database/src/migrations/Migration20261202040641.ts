import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040641 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "forum_thread_kind" as enum ('idea', 'question', 'complaint', 'discussion');`);
    this.addSql(`create type "forum_status" as enum ('visible', 'pending', 'hidden');`);
    this.addSql(`create table "forum_threads" ("id" uuid not null, "title" varchar(200) not null, "body" text not null, "kind" "forum_thread_kind" not null, "consultation_id" uuid null, "author_id" uuid not null, "supports" int not null default 0, "post_count" int not null default 0, "status" "forum_status" not null default 'visible', "created_at" timestamptz not null default now(), "edited_at" timestamptz null, "search" tsvector generated always as ((((setweight(to_tsvector('indonesian'::regconfig, title), 'A'::"char") || setweight(to_tsvector('english'::regconfig, title), 'A'::"char")) || to_tsvector('indonesian'::regconfig, body)) || to_tsvector('english'::regconfig, body))) stored null, constraint "forum_threads_pkey" primary key ("id"));`);
    this.addSql(`create index "forum_threads_author_id_index" on "forum_threads" ("author_id");`);
    this.addSql(`create index "forum_threads_search_index" on "forum_threads" using gin ("search");`);
    this.addSql(`create index "forum_threads_consultation_id_status_supports_id_index" on "forum_threads" ("consultation_id", "status", "supports", "id");`);
    this.addSql(`create index "forum_threads_consultation_id_status_id_index" on "forum_threads" ("consultation_id", "status", "id");`);
    this.addSql(`create index "forum_threads_status_supports_id_index" on "forum_threads" ("status", "supports", "id");`);
    this.addSql(`create index "forum_threads_status_id_index" on "forum_threads" ("status", "id");`);

    this.addSql(`create table "forum_posts" ("id" uuid not null, "thread_id" uuid not null, "body" text not null, "author_id" uuid not null, "official" boolean not null default false, "status" "forum_status" not null default 'visible', "created_at" timestamptz not null default now(), "edited_at" timestamptz null, constraint "forum_posts_pkey" primary key ("id"));`);
    this.addSql(`create index "forum_posts_author_id_index" on "forum_posts" ("author_id");`);
    this.addSql(`create index "forum_posts_thread_id_status_id_index" on "forum_posts" ("thread_id", "status", "id");`);

    this.addSql(`create table "forum_thread_supports" ("thread_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null default now(), constraint "forum_thread_supports_pkey" primary key ("thread_id", "user_id"));`);
    this.addSql(`create index "forum_thread_supports_user_id_index" on "forum_thread_supports" ("user_id");`);

    this.addSql(`alter table "forum_posts" add constraint "forum_posts_thread_id_foreign" foreign key ("thread_id") references "forum_threads" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "forum_thread_supports" add constraint "forum_thread_supports_thread_id_foreign" foreign key ("thread_id") references "forum_threads" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "forum_posts" drop constraint "forum_posts_thread_id_foreign";`);

    this.addSql(`alter table "forum_thread_supports" drop constraint "forum_thread_supports_thread_id_foreign";`);

    this.addSql(`drop table if exists "forum_threads" cascade;`);

    this.addSql(`drop table if exists "forum_posts" cascade;`);

    this.addSql(`drop table if exists "forum_thread_supports" cascade;`);

    this.addSql(`drop type "forum_thread_kind";`);
    this.addSql(`drop type "forum_status";`);
  }

}
