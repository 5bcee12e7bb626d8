import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { ConsultationsService } from '@balai/consultations';
import type { DecisionPublishedEvent } from '@balai/decisions';
import { OnDomainEvent } from '@balai/events';
import { ForumContributionsService, ForumService, ThreadProgressChangedEvent } from '@balai/forum';
import { LiveContributionsService, LiveSessionsService, QuestionModeratedEvent } from '@balai/live';
import type { ModerationActionEvent } from '@balai/moderation';
import { PollsContributionsService } from '@balai/polls';
import { answeredText, decisionText, moderationText, PersonInput, progressText } from './notification-texts';
import { NotificationDraft, NotificationsService } from './notifications.service';

/** Participants notified per round of a published decision: their contributions are read per batch. */
const DECISION_BATCH = 500;

/**
 * Turns what the other domains announce into notifications: each listener names who is told, with
 * a key that is the same for every delivery of the event (one notification per event and person).
 * Listeners run after the writer's commit, outside its request; errors are logged by the bus.
 */
@Injectable()
export class NotificationsListener implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsListener.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly notifications: NotificationsService,
    private readonly forum: ForumService,
    private readonly forumContributions: ForumContributionsService,
    private readonly liveSessions: LiveSessionsService,
    private readonly liveContributions: LiveContributionsService,
    private readonly pollsContributions: PollsContributionsService,
    private readonly consultations: ConsultationsService,
  ) {}

  /** The author and every supporter, on each change. */
  @OnDomainEvent('thread.progress_changed')
  onProgressChanged(event: ThreadProgressChangedEvent): void {
    this.run('thread.progress_changed', () => this.progressChanged(event));
  }

  async progressChanged(event: ThreadProgressChangedEvent): Promise<void> {
    const supporters = await this.forum.supporterIds(event.threadId);
    const people = new Map<string, boolean>(supporters.map((id) => [id, true]));
    people.set(event.authorId, false);
    await this.notifications.notify(
      [...people].map(([userId, supporter]): NotificationDraft => ({
        userId,
        type: 'input.progress',
        dedupeKey: `progress:${event.changeId}`,
        link: `/threads/${event.threadId}`,
        subject: { type: 'thread', id: event.threadId },
        text: (t) => progressText(t, { kind: event.kind, title: event.title, state: event.to, note: event.note, supporter }),
      })),
    );
  }

  /** The asker, when a moderator marks the question answered. */
  @OnDomainEvent('question.moderated')
  onQuestionModerated(event: QuestionModeratedEvent): void {
    this.run('question.moderated', () => this.questionModerated(event));
  }

  async questionModerated(event: QuestionModeratedEvent): Promise<void> {
    if (event.action !== 'answer' || event.after !== 'answered' || event.before === 'answered') return;
    const { question } = event;
    const session = await this.liveSessions.get(question.sessionId);
    await this.notifications.notify([
      {
        userId: question.authorId,
        type: 'question.answered',
        dedupeKey: `answered:${question.id}`,
        link: `/live/${session.code}`,
        subject: { type: 'question', id: question.id },
        text: (t) => answeredText(t, { session: session.title, text: question.text }),
      },
    ]);
  }

  /** The author of the moderated thread, post or question, with the reason. */
  @OnDomainEvent('moderation.action')
  onModerated(event: ModerationActionEvent): void {
    this.run('moderation.action', () => this.moderated(event));
  }

  async moderated(event: ModerationActionEvent): Promise<void> {
    if (!event.notifyUserId) return;
    await this.notifications.notify([
      {
        userId: event.notifyUserId,
        type: 'moderation.outcome',
        dedupeKey: `moderation:${event.actionId}`,
        link: await this.linkTo(event),
        subject: event.target,
        text: (t) =>
          moderationText(t, { action: event.action, targetType: event.target.type, reasonCode: event.reasonCode, note: event.note }),
      },
    ]);
  }

  /** Each participant of the consultation once, naming their own input. */
  @OnDomainEvent('decision.published')
  onDecisionPublished(event: DecisionPublishedEvent): void {
    this.run('decision.published', () => this.decisionPublished(event));
  }

  async decisionPublished(event: DecisionPublishedEvent): Promise<void> {
    const consultation = await this.consultations.get(event.consultationId);
    let after: string | undefined;
    let told = 0;
    for (;;) {
      const batch = await this.consultations.participantIds(event.consultationId, DECISION_BATCH, after);
      if (batch.length === 0) break;
      after = batch[batch.length - 1];
      const [forum, questions, ballots] = await Promise.all([
        this.forumContributions.contributions(event.consultationId, batch),
        this.liveContributions.questions(event.consultationId, batch),
        this.pollsContributions.ballots(event.consultationId, batch),
      ]);
      const written = await this.notifications.notify(
        batch.map((userId): NotificationDraft => {
          const mine: PersonInput = {
            threads: forum.get(userId)?.threads.map((thread) => thread.title) ?? [],
            postedIn: forum.get(userId)?.postedIn.map((thread) => thread.title) ?? [],
            posts: forum.get(userId)?.posts ?? 0,
            supported: forum.get(userId)?.supported.map((thread) => thread.title) ?? [],
            questions: questions.get(userId)?.map((question) => question.text) ?? [],
            ballots: ballots.get(userId)?.map((ballot) => ballot.question) ?? [],
          };
          return {
            userId,
            type: 'decision.published',
            dedupeKey: `decision:${event.decisionId}`,
            link: `/decisions/${event.decisionId}`,
            subject: { type: 'decision', id: event.decisionId },
            text: (t) => decisionText(t, { consultation: consultation.title, title: event.title, mine }),
          };
        }),
      );
      told += written.length;
      if (batch.length < DECISION_BATCH) break;
    }
    this.logger.log(`Decision ${event.decisionId}: ${told} participant(s) notified`);
  }

  /** Runs a listener in the background in its own MikroORM context (the writer never waits for it) and logs its failure. */
  private run(event: string, work: () => Promise<void>): void {
    const promise: Promise<void> = RequestContext.create(this.orm.em.fork(), work)
      .catch((error: unknown) => this.logger.error(`Notifications for ${event} failed: ${(error as Error).stack ?? String(error)}`))
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  /** Lets the notifications being written finish before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async linkTo(event: ModerationActionEvent): Promise<string> {
    const { target } = event;
    if (target.type === 'thread') return `/threads/${target.id}`;
    if (target.type === 'post') {
      const threadId = await this.forum.threadOfPost(target.id);
      return threadId ? `/threads/${threadId}` : '/notifications';
    }
    const sessionId = target.type === 'live_session' ? target.id : event.sessionId;
    if (sessionId && (target.type === 'question' || target.type === 'live_session')) {
      const session = await this.liveSessions.get(sessionId).catch(() => null);
      if (session) return `/live/${session.code}`;
    }
    return '/notifications';
  }
}
