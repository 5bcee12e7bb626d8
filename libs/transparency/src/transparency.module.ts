import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ModerationActionListener } from './moderation-action.listener';
import { TransparencyLogEntryRow } from './transparency-log-entry.entity';
import { TransparencyLogController } from './transparency-log.controller';
import { TransparencyLogRepository } from './transparency-log.repository';
import { TransparencyLogService } from './transparency-log.service';

/**
 * The public transparency log. Decisions append `consultation.closed`, `decision.published` and
 * `decision.amended` entries through `TransparencyLogService.append` inside their own transaction;
 * moderation actions arrive as `moderation.action` events. `GET /transparency-log` serves it.
 */
@Module({
  imports: [MikroOrmModule.forFeature([TransparencyLogEntryRow])],
  controllers: [TransparencyLogController],
  providers: [TransparencyLogService, TransparencyLogRepository, ModerationActionListener],
  exports: [TransparencyLogService],
})
export class TransparencyModule {}
