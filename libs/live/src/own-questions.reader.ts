import { Injectable } from '@nestjs/common';
import { BatchedReader } from '@balai/delivery';
import { LiveQuestionFields } from './live-question.entity';
import { LiveQuestionsRepository } from './live-questions.repository';

/** How many of a participant's waiting or turned-down questions a join brings back. */
const OWN_QUESTIONS = 20;

/**
 * A participant's own pending and rejected questions in a session (for `myQuestions` in a join), so
 * a reload or a new phone still shows what waits for a moderator and why one was turned down.
 */
@Injectable()
export class OwnQuestionsReader {
  /** A hall joins at once: the joins of a few milliseconds share one query. Keys are `sessionId userId`. */
  private readonly batches = new BatchedReader<LiveQuestionFields[]>(
    (keys) => this.load(keys),
    () => [],
  );

  constructor(private readonly questions: LiveQuestionsRepository) {}

  of(sessionId: string, userId: string): Promise<LiveQuestionFields[]> {
    return this.batches.read(`${sessionId} ${userId}`);
  }

  private async load(keys: string[]): Promise<Map<string, LiveQuestionFields[]>> {
    const rows = await this.questions.unpublishedOf(
      keys.map((key) => key.split(' ') as [string, string]),
      OWN_QUESTIONS,
    );
    const byKey = new Map<string, LiveQuestionFields[]>();
    for (const row of rows) {
      const key = `${row.sessionId} ${row.authorId}`;
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return byKey;
  }
}
