import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LIVE_SESSION_STATUSES,
  LiveQuestionView,
  LiveSessionStatus,
  LiveSessionView,
  QUESTION_SOURCES,
  QUESTION_STATUSES,
  QuestionSource,
  QuestionStatus,
} from '@balai/contracts';
import { LiveQuestionFields } from '../live-question.entity';
import { LiveSessionFields } from '../live-session.entity';

export class LiveSessionResponse implements LiveSessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'K7MX4P', description: '6 characters: upper-case letters and digits without 0, O, 1 and I' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: LIVE_SESSION_STATUSES }) status!: LiveSessionStatus;
  @ApiProperty() preModeration!: boolean;
  @ApiProperty() allowAnonymous!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consultationId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) onScreenQuestionId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
  @ApiPropertyOptional({ description: 'Connected participants (Socket.IO only)' }) participants?: number;

  static of(session: LiveSessionFields, participants?: number): LiveSessionResponse {
    return Object.assign(new LiveSessionResponse(), {
      id: session.id,
      code: session.code,
      title: session.title,
      status: session.status,
      preModeration: session.preModeration,
      allowAnonymous: session.allowAnonymous,
      consultationId: session.consultationId,
      onScreenQuestionId: session.onScreenQuestionId,
      createdAt: session.createdAt.toISOString(),
      startedAt: session.startedAt?.toISOString() ?? null,
      endedAt: session.endedAt?.toISOString() ?? null,
      ...(participants !== undefined ? { participants } : {}),
    });
  }
}

export class LiveSessionPage {
  @ApiProperty({ type: [LiveSessionResponse] }) items!: LiveSessionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class QuestionAuthor {
  @ApiProperty() displayName!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Moderators only' }) id?: string;
}

export interface QuestionViewOptions {
  onScreen: boolean;
  /** Moderators (and the author) see who asked an anonymous question, and the rejection reason. */
  privileged: boolean;
}

export class LiveQuestionResponse implements LiveQuestionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ minLength: 1, maxLength: 500 }) text!: string;
  @ApiProperty({ type: QuestionAuthor, nullable: true }) author!: { displayName: string; id?: string } | null;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ enum: QUESTION_STATUSES }) status!: QuestionStatus;
  @ApiProperty() upvotes!: number;
  @ApiProperty() onScreen!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectionReason?: string | null;
  @ApiProperty({ enum: QUESTION_SOURCES, description: '`hall` and `card`: entered by a moderator' }) source!: QuestionSource;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A merged question: the one it was merged into' })
  mergedInto?: string | null;

  static of(question: LiveQuestionFields, options: QuestionViewOptions): LiveQuestionResponse {
    const showAuthor = !question.anonymous || options.privileged;
    return Object.assign(new LiveQuestionResponse(), {
      id: question.id,
      sessionId: question.sessionId,
      text: question.text,
      author: showAuthor ? { displayName: question.authorName, ...(options.privileged ? { id: question.authorId } : {}) } : null,
      anonymous: question.anonymous,
      status: question.status,
      upvotes: question.upvotes,
      onScreen: options.onScreen,
      createdAt: question.createdAt.toISOString(),
      ...(options.privileged && question.status === 'rejected' ? { rejectionReason: question.rejectionReason } : {}),
      source: question.source,
      ...(question.mergedInto ? { mergedInto: question.mergedInto } : {}),
    });
  }
}

export class LiveQuestionPage {
  @ApiProperty({ type: [LiveQuestionResponse] }) items!: LiveQuestionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
