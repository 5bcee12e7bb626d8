import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AuthorView as AuthorViewShape,
  FORUM_STATUSES,
  ForumStatus,
  PostView as PostViewShape,
  PROGRESS_STATES,
  ProgressChangeView as ProgressChangeViewShape,
  ProgressState,
  ThreadProgressView as ThreadProgressViewShape,
  SupportView as SupportViewShape,
  THREAD_KINDS,
  ThreadKind,
  ThreadView as ThreadViewShape,
} from '@balai/contracts';

export class AuthorView implements AuthorViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

/** The columns a thread view is built from: an entity or a raw row mapped by the service. */
export interface ThreadRecord {
  id: string;
  title: string;
  body: string;
  kind: ThreadKind;
  consultationId: string | null;
  authorId: string;
  authorName: string;
  supports: number;
  postCount: number;
  status: ForumStatus;
  createdAt: Date;
  editedAt: Date | null;
  progressState: ProgressState | null;
  progressNote: string | null;
  progressChangedAt: Date | null;
}

export interface PostRecord {
  id: string;
  threadId: string;
  body: string;
  authorId: string;
  authorName: string;
  official: boolean;
  status: ForumStatus;
  createdAt: Date;
  editedAt: Date | null;
}

export class ThreadProgressView implements ThreadProgressViewShape {
  @ApiProperty({ enum: PROGRESS_STATES }) state!: ProgressState;
  @ApiProperty({ type: String, nullable: true, description: 'The reason, for not_taken_up' }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

class ProgressAuthorView {
  @ApiProperty() displayName!: string;
}

export class ProgressChangeView implements ProgressChangeViewShape {
  @ApiProperty({ enum: PROGRESS_STATES }) state!: ProgressState;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: ProgressAuthorView }) by!: ProgressAuthorView;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ThreadView implements ThreadViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown, as written' }) body!: string;
  @ApiProperty({ enum: THREAD_KINDS }) kind!: ThreadKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consultationId!: string | null;
  @ApiProperty({ type: AuthorView }) author!: AuthorView;
  @ApiProperty() supports!: number;
  @ApiProperty() postCount!: number;
  @ApiProperty({ enum: FORUM_STATUSES }) status!: ForumStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) editedAt!: string | null;
  @ApiPropertyOptional({ description: 'Only on GET /threads/:id with a token' }) supported?: boolean;
  @ApiProperty({ type: ThreadProgressView, nullable: true, description: 'Ideas and complaints: where they stand; null for other kinds' })
  progress!: ThreadProgressView | null;

  static of(thread: ThreadRecord, supported?: boolean): ThreadView {
    return {
      id: thread.id,
      title: thread.title,
      body: thread.body,
      kind: thread.kind,
      consultationId: thread.consultationId,
      author: { id: thread.authorId, displayName: thread.authorName },
      supports: thread.supports,
      postCount: thread.postCount,
      status: thread.status,
      createdAt: thread.createdAt.toISOString(),
      editedAt: thread.editedAt ? thread.editedAt.toISOString() : null,
      ...(supported === undefined ? {} : { supported }),
      progress:
        thread.progressState === null
          ? null
          : {
              state: thread.progressState,
              note: thread.progressNote,
              changedAt: (thread.progressChangedAt ?? thread.createdAt).toISOString(),
            },
    };
  }
}

export class PostView implements PostViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) threadId!: string;
  @ApiProperty({ description: 'Markdown, as written' }) body!: string;
  @ApiProperty({ type: AuthorView }) author!: AuthorView;
  @ApiProperty({ description: 'The author was an official when writing' }) official!: boolean;
  @ApiProperty({ enum: FORUM_STATUSES }) status!: ForumStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) editedAt!: string | null;

  static of(post: PostRecord): PostView {
    return {
      id: post.id,
      threadId: post.threadId,
      body: post.body,
      author: { id: post.authorId, displayName: post.authorName },
      official: post.official,
      status: post.status,
      createdAt: post.createdAt.toISOString(),
      editedAt: post.editedAt ? post.editedAt.toISOString() : null,
    };
  }
}

export class SupportView implements SupportViewShape {
  @ApiProperty() supports!: number;
  @ApiProperty() supported!: boolean;
}

export class ThreadPageView {
  @ApiProperty({ type: [ThreadView] }) items!: ThreadView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class PostPageView {
  @ApiProperty({ type: [PostView] }) items!: PostView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
