import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BallotView as BallotViewShape,
  PollOptionView as PollOptionViewShape,
  PollResults as PollResultsShape,
  PollView as PollViewShape,
} from '@balai/contracts';
import { POLL_STATUSES, PollStatus, Poll, RESULTS_VISIBILITIES, ResultsVisibility } from '../poll.entity';
import { PollOption } from '../poll-option.entity';

export class PollOptionView implements PollOptionViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
}

export class OptionVotesView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() votes!: number;
}

export class PollResultsView implements PollResultsShape {
  @ApiProperty() totalBallots!: number;
  @ApiProperty({ type: [OptionVotesView], description: 'In option order' }) options!: OptionVotesView[];
}

/** `results` of one poll, with its id: what `poll:results` broadcasts. */
export class PollResultsWithId extends PollResultsView {
  @ApiProperty({ format: 'uuid' }) pollId!: string;
}

export class BallotView implements BallotViewShape {
  @ApiProperty({ type: [String], format: 'uuid' }) optionIds!: string[];
}

export class BallotResultView {
  @ApiProperty({ type: BallotView }) ballot!: BallotView;
}

export class PollView implements PollViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ type: [PollOptionView] }) options!: PollOptionView[];
  @ApiProperty() multiple!: boolean;
  @ApiProperty({ enum: POLL_STATUSES, description: '`closed` also once closesAt has passed' }) status!: PollStatus;
  @ApiProperty({ enum: RESULTS_VISIBILITIES }) resultsVisibility!: ResultsVisibility;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consultationId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) liveSessionId!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closesAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiPropertyOptional({ type: PollResultsView, description: 'When the caller may see results' }) results?: PollResultsView;
  @ApiPropertyOptional({ type: BallotView, description: "The caller's own ballot, when they have one" }) myBallot?: BallotView;

  /** `extras.closed`: closed for a reason the poll row does not show (its consultation closed, say). */
  static of(
    poll: Poll,
    options: PollOption[],
    extras: { now: Date; closed?: boolean; results?: PollResultsView; myBallot?: string[] },
  ): PollView {
    const closed = extras.closed ?? poll.isClosedAt(extras.now);
    const closedAt = poll.closedAt ?? (poll.isClosedAt(extras.now) ? poll.closesAt : null);
    return {
      id: poll.id,
      question: poll.question,
      options: [...options].sort((a, b) => a.position - b.position).map((option) => ({ id: option.id, label: option.label })),
      multiple: poll.multiple,
      status: closed ? 'closed' : 'open',
      resultsVisibility: poll.resultsVisibility,
      consultationId: poll.consultationId,
      liveSessionId: poll.liveSessionId,
      closesAt: poll.closesAt?.toISOString() ?? null,
      createdAt: poll.createdAt.toISOString(),
      closedAt: closedAt?.toISOString() ?? null,
      ...(extras.results ? { results: extras.results } : {}),
      ...(extras.myBallot ? { myBallot: { optionIds: extras.myBallot } } : {}),
    };
  }
}

export class PollPageView {
  @ApiProperty({ type: [PollView] }) items!: PollView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
