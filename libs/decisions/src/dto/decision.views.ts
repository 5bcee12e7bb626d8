import { ApiProperty } from '@nestjs/swagger';
import type {
  CloseConsultationResult,
  ConsultationSummary,
  DecisionAmendmentView as DecisionAmendmentShape,
  DecisionListItem,
  DecisionView as DecisionShape,
  LogEntryRef,
} from '@balai/contracts';
import { ConsultationView } from '@balai/consultations';
import { DecisionAmendment } from '../decision-amendment.entity';
import { Decision } from '../decision.entity';

const SUMMARY_DESCRIPTION =
  '{consultationId, generatedAt, participation: {participants, threads, posts, questions, ballots, supports, upvotes, byDay}, polls, topThreads, topQuestions, themes, quotes}: every item names its sources by id and count';

export class LogEntryView implements LogEntryRef {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'SHA-256 hex of the entry' }) hash!: string;
}

export class SummaryResultView implements CloseConsultationResult {
  @ApiProperty({ type: ConsultationView }) consultation!: ConsultationView;
  @ApiProperty({ type: Object, description: SUMMARY_DESCRIPTION }) summary!: ConsultationSummary;
}

export const logEntryOf = (row: { logSeq: number | null; logHash: string | null }): LogEntryRef | null =>
  row.logSeq !== null && row.logHash !== null ? { seq: Number(row.logSeq), hash: row.logHash } : null;

export class DecisionAmendmentView implements DecisionAmendmentShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ description: 'Markdown' }) body!: string;
  @ApiProperty({ format: 'date-time' }) amendedAt!: string;
  @ApiProperty({ type: LogEntryView, nullable: true }) logEntry!: LogEntryRef | null;

  static of(amendment: DecisionAmendment): DecisionAmendmentView {
    return {
      id: amendment.id,
      decisionId: amendment.decision,
      body: amendment.body,
      amendedAt: amendment.amendedAt.toISOString(),
      logEntry: logEntryOf(amendment),
    };
  }
}

export class DecisionView implements DecisionShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) consultationId!: string;
  @ApiProperty() consultationTitle!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown, never edited' }) body!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: Object, description: `The summary frozen at publication: ${SUMMARY_DESCRIPTION}` }) summary!: ConsultationSummary;
  @ApiProperty({ type: [String] }) citedThreadIds!: string[];
  @ApiProperty({ type: [DecisionAmendmentView], description: 'Oldest first' }) amendments!: DecisionAmendmentView[];
  @ApiProperty({ type: LogEntryView, nullable: true, description: 'The transparency log entry of the publication' })
  logEntry!: LogEntryRef | null;

  static of(decision: Decision, amendments: DecisionAmendment[]): DecisionView {
    return {
      id: decision.id,
      consultationId: decision.consultationId,
      consultationTitle: decision.consultationTitle,
      title: decision.title,
      body: decision.body,
      publishedAt: decision.publishedAt.toISOString(),
      summary: decision.summary,
      citedThreadIds: decision.citedThreadIds,
      amendments: amendments.map((amendment) => DecisionAmendmentView.of(amendment)),
      logEntry: logEntryOf(decision),
    };
  }
}

export class DecisionListItemView implements DecisionListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) consultationId!: string;
  @ApiProperty() consultationTitle!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty() amendments!: number;
}

export class DecisionPageView {
  @ApiProperty({ type: [DecisionListItemView] }) items!: DecisionListItemView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
