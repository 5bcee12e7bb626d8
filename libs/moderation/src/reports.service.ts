import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppConfig } from '@balai/config';
import { isUniqueViolation, newId } from '@balai/database';
import type { Principal } from '@balai/identity';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import { CreateReportDto } from './dto/moderation.dto';
import { ReportResponse } from './dto/moderation.views';
import { AlreadyReportedError, ReportTargetNotFoundError } from './moderation.errors';
import { ModerationItem } from './moderation-item.entity';
import { ModerationReport } from './moderation-report.entity';
import { ModerationRepository } from './moderation.repository';
import { ModerationService } from './moderation.service';

/**
 * Reports: one per reporter and target (a unique index), rate-limited per participant and address; each joins
 * the target's pending queue item, and the report that brings it to the threshold of distinct
 * reporters hides the target in the same transaction, until a moderator decides.
 */
@Injectable()
export class ReportsService {
  private readonly limiter: RateLimiter;
  private readonly addressLimiter: RateLimiter;
  private readonly threshold: number;

  constructor(
    private readonly em: EntityManager,
    private readonly repository: ModerationRepository,
    private readonly moderation: ModerationService,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    this.limiter = limiters.create({ name: 'reports', points: config.limits.reportsPerMinute, durationSeconds: 60 });
    // Per address too (`addressKey`): throwaway guests of one address share one allowance.
    this.addressLimiter = limiters.create({
      name: 'reports-address',
      points: config.limits.reportsPerAddressPerMinute,
      durationSeconds: 60,
    });
    this.threshold = config.moderation.reportThreshold;
  }

  /** `address`: the reporter's grouped client address (`ClientAddress`), for the per-address limit. */
  async report(principal: Principal, input: CreateReportDto, address: string): Promise<ReportResponse> {
    const target = await this.moderation.target(input.targetType, input.targetId);
    // Only what the public sees can be reported: a pending or hidden target is unknown to the reporter.
    if (!target || !target.public) throw new ReportTargetNotFoundError(input.targetType, input.targetId);
    await this.limiter.consume(principal.id);
    await this.addressLimiter.consume(address);
    try {
      return await this.em.fork().transactional(async (em) => {
        const report = em.create(ModerationReport, {
          targetType: input.targetType,
          targetId: input.targetId,
          reporterId: principal.id,
          reason: input.reason,
          note: input.note ?? null,
        });
        await em.flush();
        const item = await this.repository.addReport(em, {
          id: newId(),
          type: 'report',
          targetType: input.targetType,
          targetId: input.targetId,
          excerpt: target.excerpt,
          authorId: target.authorId,
          authorName: target.authorName,
          sessionId: target.sessionId,
          consultationId: target.consultationId,
          threadId: target.threadId,
          reasons: [input.reason],
        });
        if (item.reportCount >= this.threshold && !item.autoHidden) {
          // The system acts, in the reporter's transaction; the log names no moderator but the rule.
          await this.moderation.hideForReports(em, SYSTEM, input.targetType, input.targetId);
          await em.nativeUpdate(ModerationItem, { id: item.id }, { autoHidden: true });
          this.moderation.record(em, SYSTEM, {
            action: 'auto_hide',
            reasonCode: 'report_threshold',
            target: { type: input.targetType, id: input.targetId },
            notifyUserId: null,
            sessionId: target.sessionId,
            consultationId: target.consultationId,
            itemId: item.id,
          });
        }
        return {
          id: report.id,
          targetType: report.targetType,
          targetId: report.targetId,
          reason: report.reason,
          createdAt: report.createdAt.toISOString(),
        };
      });
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new AlreadyReportedError();
      throw error;
    }
  }
}

/** The rule acting on its own (the report threshold): a moderator-level principal with a fixed id. */
export const SYSTEM: Principal = { id: '00000000-0000-0000-0000-000000000000', role: 'moderator', displayName: 'Balai' };
