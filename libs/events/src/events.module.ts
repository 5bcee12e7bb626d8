import { Global, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ContentScreen } from './content-screen';
import { EventBus } from './event-bus';

/**
 * The domain event bus. Global like the ORM and the logger it sits beside: every domain publishes,
 * and a module that had to import it would only repeat one line.
 */
@Global()
@Module({
  imports: [EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false })],
  providers: [EventBus, ContentScreen],
  exports: [EventBus, ContentScreen],
})
export class EventsModule {}
