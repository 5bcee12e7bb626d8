import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, runSql } from '@balai/database';

/** A thread named in a person's contributions. */
export interface ContributedThread {
  id: string;
  title: string;
}

/** What one person gave a consultation in the forum. */
export interface ForumContribution {
  threads: ContributedThread[];
  /** Threads the person wrote posts in (each once), with the number of posts. */
  postedIn: ContributedThread[];
  posts: number;
  supported: ContributedThread[];
}

/**
 * The forum's answer to "what did these people contribute to consultation X": their threads, posts
 * and supports, for a notification that names each person's own input (a published decision).
 * Three statements per batch of people, whatever its size.
 */
@Injectable()
export class ForumContributionsService {
  constructor(private readonly em: EntityManager) {}

  async contributions(consultationId: string, userIds: readonly string[]): Promise<Map<string, ForumContribution>> {
    const result = new Map<string, ForumContribution>();
    if (userIds.length === 0) return result;
    const entry = (userId: string): ForumContribution => {
      let contribution = result.get(userId);
      if (!contribution) result.set(userId, (contribution = { threads: [], postedIn: [], posts: 0, supported: [] }));
      return contribution;
    };
    const em = this.em.fork();
    const users = pgUuidArray(userIds);
    const threads = await runSql<{ author_id: string; id: string; title: string }>(
      em,
      `select author_id, id, title from forum_threads where consultation_id = ? and author_id = any(?::uuid[]) and status <> 'hidden' order by id`,
      [consultationId, users],
    );
    for (const row of threads) entry(row.author_id).threads.push({ id: row.id, title: row.title });
    const posts = await runSql<{ author_id: string; id: string; title: string; posts: string | number }>(
      em,
      `select p.author_id, t.id, t.title, count(*) as posts from forum_posts p join forum_threads t on t.id = p.thread_id
        where t.consultation_id = ? and p.author_id = any(?::uuid[]) and p.status <> 'hidden'
        group by p.author_id, t.id, t.title order by t.id`,
      [consultationId, users],
    );
    for (const row of posts) {
      const contribution = entry(row.author_id);
      contribution.postedIn.push({ id: row.id, title: row.title });
      contribution.posts += Number(row.posts);
    }
    const supports = await runSql<{ user_id: string; id: string; title: string }>(
      em,
      `select s.user_id, t.id, t.title from forum_thread_supports s join forum_threads t on t.id = s.thread_id
        where t.consultation_id = ? and s.user_id = any(?::uuid[]) order by t.id`,
      [consultationId, users],
    );
    for (const row of supports) entry(row.user_id).supported.push({ id: row.id, title: row.title });
    return result;
  }
}
