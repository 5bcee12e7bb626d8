import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ForumModule } from '@balai/forum';
import { LiveModule } from '@balai/live';
import { RealtimeModule } from '@balai/realtime';
import { BannedWord } from './banned-word.entity';
import { BannedWordsService } from './banned-words.service';
import { ModerationActionEntry } from './moderation-action.entity';
import { ModerationController } from './moderation.controller';
import { ModerationItem } from './moderation-item.entity';
import { ModerationListener } from './moderation.listener';
import { ModerationPersonalDataSource } from './moderation-personal-data.source';
import { ModerationReport } from './moderation-report.entity';
import { ModerationRepository } from './moderation.repository';
import { ModerationService } from './moderation.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SanctionsController } from './sanctions.controller';
import { SanctionsService } from './sanctions.service';
import { Suspension } from './suspension.entity';

/**
 * Moderation: one queue for every channel (pending live questions, reports, banned-word flags),
 * claims, resolutions that act through the forum's and live's services, reports, banned words
 * (plugged into `ContentScreen`), sanctions, questions from the hall, and the log (`moderation.action`).
 */
@Module({
  imports: [
    MikroOrmModule.forFeature([ModerationItem, ModerationReport, ModerationActionEntry, BannedWord, Suspension]),
    ForumModule,
    LiveModule,
    RealtimeModule,
  ],
  controllers: [ModerationController, ReportsController, SanctionsController],
  providers: [
    ModerationRepository,
    ModerationService,
    ReportsService,
    SanctionsService,
    BannedWordsService,
    ModerationListener,
    ModerationPersonalDataSource,
  ],
  exports: [ModerationService, BannedWordsService],
})
export class ModerationModule {}
