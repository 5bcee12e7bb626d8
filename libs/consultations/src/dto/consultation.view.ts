import { ApiProperty } from '@nestjs/swagger';
import { CONSULTATION_STATUSES, ConsultationStatus, ConsultationView as ConsultationViewShape } from '@balai/contracts';
import { Consultation } from '../consultation.entity';
import { ConsultationCounts } from '../consultation-activity';

export class ConsultationCountsView implements ConsultationCounts {
  @ApiProperty() threads!: number;
  @ApiProperty() posts!: number;
  @ApiProperty() polls!: number;
  @ApiProperty() liveSessions!: number;
  @ApiProperty({ description: 'Distinct people who took part in any way' }) participants!: number;
}

export class ConsultationView implements ConsultationViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown' }) description!: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status!: ConsultationStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closesAt!: string | null;
  @ApiProperty({ description: 'Open and before its closing time: it takes threads, posts, supports, ballots and questions' })
  acceptsInput!: boolean;
  @ApiProperty({ type: ConsultationCountsView }) counts!: ConsultationCountsView;

  static of(consultation: Consultation, counts: ConsultationCounts): ConsultationView {
    return {
      id: consultation.id,
      title: consultation.title,
      description: consultation.description,
      status: consultation.status,
      createdAt: consultation.createdAt.toISOString(),
      closesAt: consultation.closesAt ? consultation.closesAt.toISOString() : null,
      acceptsInput: consultation.acceptsInput(),
      counts,
    };
  }
}

export class ConsultationPageView {
  @ApiProperty({ type: [ConsultationView] }) items!: ConsultationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
