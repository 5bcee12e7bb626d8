import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ForumStatus } from '@balai/contracts';
import { runSql } from '@balai/database';
import { PostRecord } from './dto/forum.views';
import { ForumPost } from './forum-post.entity';

const POST_COLUMNS = 'p.id, p.thread_id, p.body, p.author_id, p.author_name, p.official, p.status, p.created_at, p.edited_at';

interface PostRow {
  id: string;
  thread_id: string;
  body: string;
  author_id: string;
  author_name: string;
  official: boolean;
  status: ForumStatus;
  created_at: Date | string;
  edited_at: Date | string | null;
}

export interface PostListFilter {
  threadId: string;
  /** Leave out pending and hidden posts. */
  visibleOnly: boolean;
  /** The id of the previous page's last post. */
  afterId?: string;
  /** Rows to fetch. */
  limit: number;
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

const postRecord = (row: PostRow): PostRecord => ({
  id: row.id,
  threadId: row.thread_id,
  body: row.body,
  authorId: row.author_id,
  authorName: row.author_name,
  official: row.official,
  status: row.status,
  createdAt: toDate(row.created_at),
  editedAt: row.edited_at === null ? null : toDate(row.edited_at),
});

/** The `forum_posts` table: a thread's posts, oldest first, keyset-paginated. */
@Injectable()
export class PostsRepository {
  constructor(private readonly em: EntityManager) {}

  /** A loaded post entity as a record. */
  static record(post: ForumPost): PostRecord {
    return { ...post, threadId: post.thread.id, editedAt: post.editedAt ?? null };
  }

  /** Benchmarked (`npm run bench:forum`): reads the `(thread_id, status, id)` index in order. */
  async list(filter: PostListFilter): Promise<PostRecord[]> {
    const where = ['p.thread_id = ?'];
    const params: unknown[] = [filter.threadId];
    if (filter.visibleOnly) where.push(`p.status = 'visible'`);
    if (filter.afterId !== undefined) {
      where.push('p.id > ?');
      params.push(filter.afterId);
    }
    params.push(filter.limit);
    const rows = await runSql<PostRow>(
      this.em,
      `select ${POST_COLUMNS} from forum_posts p where ${where.join(' and ')} order by p.id asc limit ?`,
      params,
    );
    return rows.map(postRecord);
  }
}
