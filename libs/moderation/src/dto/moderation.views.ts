import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BannedWordsView,
  MODERATION_ITEM_STATUSES,
  MODERATION_ITEM_TYPES,
  ModerationItemStatus,
  ModerationItemType,
  ModerationItemView,
  ModerationLogEntryView,
  REPORT_TARGET_TYPES,
  ReportTargetType,
  RESOLVE_ACTIONS,
  ResolveAction,
} from '@balai/contracts';
import type { ModerationActionEntry } from '../moderation-action.entity';
import type { ModerationItem } from '../moderation-item.entity';

class ItemTarget {
  @ApiProperty({ enum: REPORT_TARGET_TYPES }) type!: ReportTargetType;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() excerpt!: string;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
}

export class ModerationItemResponse implements ModerationItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MODERATION_ITEM_TYPES }) type!: ModerationItemType;
  @ApiProperty({ type: ItemTarget }) target!: ItemTarget;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty() reportCount!: number;
  @ApiProperty({ enum: MODERATION_ITEM_STATUSES }) status!: ModerationItemStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) claimedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) claimedUntil!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) sessionId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) consultationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) link!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ enum: RESOLVE_ACTIONS, nullable: true }) resolution!: ResolveAction | null;

  static of(item: ModerationItem, now = Date.now()): ModerationItemResponse {
    const claimLasts = item.claimedUntil !== null && item.claimedUntil.getTime() > now && item.status === 'pending';
    return Object.assign(new ModerationItemResponse(), {
      id: item.id,
      type: item.type,
      target: { type: item.targetType, id: item.targetId, excerpt: item.excerpt, authorName: item.authorName },
      reasons: item.reasons,
      reportCount: item.reportCount,
      status: item.status,
      claimedBy: claimLasts ? item.claimedBy : null,
      claimedUntil: claimLasts ? item.claimedUntil!.toISOString() : null,
      sessionId: item.sessionId,
      consultationId: item.consultationId,
      link: item.targetType === 'thread' ? `/threads/${item.targetId}` : item.threadId ? `/threads/${item.threadId}` : null,
      createdAt: item.createdAt.toISOString(),
      resolution: item.resolution,
    });
  }
}

export class ModerationItemPage {
  @ApiProperty({ type: [ModerationItemResponse] }) items!: ModerationItemResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class LogModerator {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

class LogTarget {
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ModerationLogEntryResponse implements ModerationLogEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'approve, reject, hide, dismiss, merge, hall_question, mute, unmute, suspend, unsuspend' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) reasonCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: LogModerator }) moderator!: LogModerator;
  @ApiProperty({ type: LogTarget }) target!: LogTarget;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) sessionId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) consultationId!: string | null;
  @ApiProperty() createdAt!: string;

  static of(entry: ModerationActionEntry): ModerationLogEntryResponse {
    return Object.assign(new ModerationLogEntryResponse(), {
      id: entry.id,
      action: entry.action,
      reasonCode: entry.reasonCode,
      note: entry.note,
      moderator: { id: entry.moderatorId, displayName: entry.moderatorName },
      target: { type: entry.targetType, id: entry.targetId },
      sessionId: entry.sessionId,
      consultationId: entry.consultationId,
      createdAt: entry.createdAt.toISOString(),
    });
  }
}

export class ModerationLogPage {
  @ApiProperty({ type: [ModerationLogEntryResponse] }) items!: ModerationLogEntryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class ShippedWords {
  @ApiProperty({ type: [String] }) id!: string[];
  @ApiProperty({ description: "How many English terms obscenity's dataset holds" }) en!: number;
}

export class BannedWordsResponse implements BannedWordsView {
  @ApiProperty({ type: [String] }) id!: string[];
  @ApiProperty({ type: [String] }) en!: string[];
  @ApiProperty({ type: ShippedWords }) shipped!: ShippedWords;
}

export class ReportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REPORT_TARGET_TYPES }) targetType!: ReportTargetType;
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() createdAt!: string;
}

export class SanctionResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) sessionId?: string;
  @ApiProperty({ nullable: true, type: String }) until!: string | null;
  @ApiProperty() reason!: string;
}
