import { Module } from '@nestjs/common';
import { DemoCitySeeder } from './demo-city.seeder';
import { DEMO_STEPS, DemoStep } from './demo-step';

/**
 * Each domain's demo step, in order. A step is a provider of this module that uses the
 * domain's exported services (never its tables).
 */
const STEP_PROVIDERS: (new (...args: never[]) => DemoStep)[] = [];

@Module({
  imports: [],
  providers: [
    ...STEP_PROVIDERS,
    DemoCitySeeder,
    { provide: DEMO_STEPS, inject: STEP_PROVIDERS, useFactory: (...steps: DemoStep[]) => steps },
  ],
})
export class DemoModule {}
