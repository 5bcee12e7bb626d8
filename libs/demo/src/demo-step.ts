import { UserView } from '@balai/identity';

/** The demo accounts every step can act as. */
export interface DemoCast {
  admin: UserView;
  official: UserView;
  moderator: UserView;
  citizens: UserView[];
}

/** What earlier steps made, for later ones to build on (the consultation's id, say). */
export type DemoState = Record<string, string>;

/**
 * One domain's share of the demo city. Each domain adds a step file beside this one and lists
 * it in DEMO_STEPS (demo.module.ts); steps run in order, inside one request context.
 */
export interface DemoStep {
  readonly name: string;
  run(cast: DemoCast, state: DemoState): Promise<void>;
}

export const DEMO_STEPS = Symbol('DEMO_STEPS');
