import { Module } from '@nestjs/common';
import { ConsultationsModule } from '@balai/consultations';
import { DecisionsModule } from '@balai/decisions';
import { ForumModule } from '@balai/forum';
import { LiveModule, LiveSessionLookupModule } from '@balai/live';
import { PollsModule } from '@balai/polls';
import { DemoCitySeeder } from './demo-city.seeder';
import { DEMO_STEPS, DemoStep } from './demo-step';
import { DecisionsDemoStep } from './steps/decisions.step';
import { ForumDemoStep } from './steps/forum.step';
import { LiveDemoStep } from './steps/live.step';
import { PollsDemoStep } from './steps/polls.step';

/**
 * Each domain's demo step, in order. A step is a provider of this module that uses the
 * domain's exported services (never its tables).
 */
const STEP_PROVIDERS: (new (...args: never[]) => DemoStep)[] = [
  // First: creates the park consultation (state.consultationId) that later steps build on.
  ForumDemoStep,
  // Polls after the forum step: it uses the park consultation's state.consultationId.
  PollsDemoStep,
  // Live after forum and polls: a started meeting in the park consultation; prints its join code.
  LiveDemoStep,
  // Last: a consultation of its own, closed, decided and amended.
  DecisionsDemoStep,
];

@Module({
  imports: [ConsultationsModule, ForumModule, PollsModule.withLiveSessions(LiveSessionLookupModule), LiveModule, DecisionsModule],
  providers: [
    ...STEP_PROVIDERS,
    DemoCitySeeder,
    { provide: DEMO_STEPS, inject: STEP_PROVIDERS, useFactory: (...steps: DemoStep[]) => steps },
  ],
})
export class DemoModule {}
