export const CONSULTATION_STATUSES = ['draft', 'open', 'closed', 'decided'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export interface ConsultationView {
  id: string;
  title: string;
  /** Markdown, as written. */
  description: string;
  status: ConsultationStatus;
  createdAt: string;
  closesAt: string | null;
  /** Open and before its closing time: threads, posts, supports, ballots and questions are taken. */
  acceptsInput: boolean;
  counts: { threads: number; posts: number; polls: number; liveSessions: number; participants: number };
}
