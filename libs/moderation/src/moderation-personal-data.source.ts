import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FORMER_PARTICIPANT_NAME } from '@balai/contracts';
import { PersonalDataRegistry, PersonalDataSource } from '@balai/identity';
import { ModerationActionEntry } from './moderation-action.entity';
import { ModerationItem } from './moderation-item.entity';
import { ModerationReport } from './moderation-report.entity';
import { Suspension } from './suspension.entity';

/**
 * Moderation's part of a person's data: the reports they made, the sanctions against them and the
 * outcomes about their contributions (never the moderator's id or name), and, for a moderator, the
 * actions they took. Erasing keeps the reports (their count decided what was hidden) without the
 * free-text note, keeps the log with `FORMER_PARTICIPANT_NAME` for the moderator's name and without
 * notes about the person, and drops the suspension with the account.
 */
@Injectable()
export class ModerationPersonalDataSource implements PersonalDataSource, OnModuleInit {
  readonly section = 'moderation';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string, em: EntityManager): Promise<Record<string, unknown>> {
    const reports = await em.find(ModerationReport, { reporterId: userId }, { orderBy: { createdAt: 'asc' } });
    const suspension = await em.findOne(Suspension, { userId });
    const aboutThem = await em.find(
      ModerationActionEntry,
      { $or: [{ targetType: 'user', targetId: userId }, { notifyUserId: userId }] },
      { orderBy: { id: 'asc' } },
    );
    const taken = await em.find(ModerationActionEntry, { moderatorId: userId }, { orderBy: { id: 'asc' } });
    return {
      reports: reports.map((report) => ({
        targetType: report.targetType,
        targetId: report.targetId,
        reason: report.reason,
        note: report.note,
        createdAt: report.createdAt,
      })),
      suspension: suspension ? { until: suspension.until, reason: suspension.reason, createdAt: suspension.createdAt } : null,
      actionsAboutYou: aboutThem.map((entry) => ({
        action: entry.action,
        reasonCode: entry.reasonCode,
        note: entry.note,
        target: entry.targetType === 'user' ? { type: 'user' } : { type: entry.targetType, id: entry.targetId },
        sessionId: entry.sessionId,
        at: entry.createdAt,
      })),
      // As a moderator; another person (a muted or suspended one) is never named, by id or otherwise.
      actionsTaken: taken.map((entry) => ({
        action: entry.action,
        reasonCode: entry.reasonCode,
        note: entry.note,
        target: entry.targetType === 'user' ? { type: 'user' } : { type: entry.targetType, id: entry.targetId },
        sessionId: entry.sessionId,
        consultationId: entry.consultationId,
        at: entry.createdAt,
      })),
    };
  }

  async eraseFor(userId: string, em: EntityManager): Promise<void> {
    await em.nativeUpdate(ModerationReport, { reporterId: userId }, { note: null });
    await em.nativeUpdate(ModerationItem, { authorId: userId }, { authorName: FORMER_PARTICIPANT_NAME });
    await em.nativeUpdate(ModerationItem, { claimedBy: userId }, { claimedByName: FORMER_PARTICIPANT_NAME });
    await em.nativeUpdate(ModerationActionEntry, { moderatorId: userId }, { moderatorName: FORMER_PARTICIPANT_NAME });
    await em.nativeUpdate(ModerationActionEntry, { targetType: 'user', targetId: userId }, { note: null });
    await em.nativeUpdate(ModerationActionEntry, { notifyUserId: userId }, { notifyUserId: null });
    await em.nativeDelete(Suspension, { userId });
  }
}
