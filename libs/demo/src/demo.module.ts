import { Module } from '@nestjs/common';
import { ConsultationsModule } from '@balai/consultations';
import { ForumModule } from '@balai/forum';
import { DemoCitySeeder } from './demo-city.seeder';
import { DEMO_STEPS, DemoStep } from './demo-step';
import { ForumDemoStep } from './steps/forum.step';

/**
 * Each domain's demo step, in order. A step is a provider of this module that uses the
 * domain's exported services (never its tables).
 */
const STEP_PROVIDERS: (new (...args: never[]) => DemoStep)[] = [
  // First: creates the park consultation (state.consultationId) that later steps build on.
  ForumDemoStep,
];

@Module({
  imports: [ConsultationsModule, ForumModule],
  providers: [
    ...STEP_PROVIDERS,
    DemoCitySeeder,
    { provide: DEMO_STEPS, inject: STEP_PROVIDERS, useFactory: (...steps: DemoStep[]) => steps },
  ],
})
export class DemoModule {}
