/** The moderation contract shared by the server (libs/moderation) and the web app (`/moderation`). */

export const REPORT_REASONS = ['spam', 'abuse', 'off_topic', 'misinformation', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What may be reported, and what a queue item is about. */
export const REPORT_TARGET_TYPES = ['thread', 'post', 'question'] as const;
export type ReportTargetType = (typeof REPORT_TARGET_TYPES)[number];

/** Why an item waits: a pending live question (pre-moderation), reports, or a banned-word match. */
export const MODERATION_ITEM_TYPES = ['question', 'report', 'flag'] as const;
export type ModerationItemType = (typeof MODERATION_ITEM_TYPES)[number];

export const MODERATION_ITEM_STATUSES = ['pending', 'resolved'] as const;
export type ModerationItemStatus = (typeof MODERATION_ITEM_STATUSES)[number];

export const RESOLVE_ACTIONS = ['approve', 'reject', 'hide', 'dismiss'] as const;
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number];

/** The reason codes a moderator gives (the author is told the outcome with it). */
export const MODERATION_REASONS = ['spam', 'abuse', 'off_topic', 'misinformation', 'personal_data', 'duplicate', 'other'] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

export const MODERATION_SORTS = ['newest', 'most_reported'] as const;
export type ModerationSort = (typeof MODERATION_SORTS)[number];

export interface ModerationItemView {
  id: string;
  type: ModerationItemType;
  target: { type: ReportTargetType; id: string; excerpt: string; authorName: string | null };
  /** Report reasons and banned-word matches (`banned_words`), each once. */
  reasons: string[];
  reportCount: number;
  status: ModerationItemStatus;
  /** Who holds the claim, while it lasts (2 minutes). */
  claimedBy: string | null;
  claimedUntil: string | null;
  sessionId: string | null;
  consultationId: string | null;
  /** Where a person sees the target (a web path), when it has a page. */
  link: string | null;
  createdAt: string;
  resolution: ResolveAction | null;
}

export interface ModerationLogEntryView {
  id: string;
  action: string;
  reasonCode: string | null;
  note: string | null;
  moderator: { id: string; displayName: string };
  target: { type: string; id: string };
  sessionId: string | null;
  consultationId: string | null;
  createdAt: string;
}

export interface BannedWordsView {
  /** The city's own additions, by language. */
  id: string[];
  en: string[];
  /** What Balai ships with: the Indonesian list, and how many English terms obscenity's dataset holds. */
  shipped: { id: string[]; en: number };
}

export interface ReportView {
  id: string;
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  createdAt: string;
}

export interface CreateReportRequest {
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  note?: string;
}

export interface ModerationItemListRequest {
  status?: ModerationItemStatus;
  type?: ModerationItemType;
  sessionId?: string;
  consultationId?: string;
  sort?: ModerationSort;
  limit?: number;
  cursor?: string;
}

export interface ResolveItemRequest {
  action: ResolveAction;
  reason?: ModerationReason;
  note?: string;
}

export interface HallQuestionRequest {
  text: string;
  source: 'hall' | 'card';
}
