import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { AppConfig } from '@balai/config';
import { UsersService, UserView } from '@balai/identity';
import { DEMO_ACCOUNTS, randomDemoPassword } from './demo-accounts';
import { DEMO_STEPS, DemoCast, DemoState, DemoStep } from './demo-step';

/** What a start that seeded the demo city tells the person who started it. */
export interface DemoCityReport {
  /** The accounts the banner lists, each with the random password it got at this start (printed once). */
  accounts: { role: UserView['role']; email: string; password: string }[];
  /** The started live session's join code, when the live step made one. */
  liveJoinCode: string | null;
}

/**
 * Seeds the demo city: on for an empty embedded database (the admin of BALAI_ADMIN_EMAIL, made at the
 * same start, does not count), or whenever BALAI_DEMO=true (then only if the demo accounts are
 * missing, so a restart never seeds twice).
 */
@Injectable()
export class DemoCitySeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoCity');
  /** Set when this start seeded the demo city (main.ts prints it in the start banner). */
  report: DemoCityReport | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    @Inject(DEMO_STEPS) private readonly steps: DemoStep[],
    // Read by @CreateRequestContext.
    private readonly orm: MikroORM,
  ) {}

  @CreateRequestContext()
  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.shouldSeed())) return;
    const passwords = new Map<string, string>();
    const cast = await this.createCast(passwords);
    const state: DemoState = {};
    for (const step of this.steps) {
      await step.run(cast, state);
      this.logger.log(`Demo city: ${step.name}`);
    }
    this.report = {
      accounts: [DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.official, DEMO_ACCOUNTS.moderator, ...DEMO_ACCOUNTS.citizens].map((account) => ({
        role: account.role,
        email: account.email,
        password: passwords.get(account.email) ?? '',
      })),
      liveJoinCode: state.liveSessionCode ?? null,
    };
    this.logger.log(
      { accounts: this.report.accounts.map((account) => account.email), liveJoinCode: this.report.liveJoinCode },
      'Demo city ready',
    );
  }

  async shouldSeed(): Promise<boolean> {
    if (this.config.demo === false) return false;
    if (this.config.demo === undefined && this.config.database.kind !== 'embedded') return false;
    if (this.config.demo === undefined) return this.users.isEmpty(this.config.admin?.email);
    return !(await this.users.exists(DEMO_ACCOUNTS.official.email));
  }

  /** Makes the cast, each account with its own random password (recorded in `passwords` by e-mail). */
  private async createCast(passwords: Map<string, string>): Promise<DemoCast> {
    const make = (account: { email: string; displayName: string; role: UserView['role'] }) => {
      const password = randomDemoPassword();
      passwords.set(account.email, password);
      return this.users.ensureAccount({ ...account, password });
    };
    const citizens: UserView[] = [];
    for (const citizen of DEMO_ACCOUNTS.citizens) citizens.push(await make(citizen));
    return {
      admin: await make(DEMO_ACCOUNTS.admin),
      official: await make(DEMO_ACCOUNTS.official),
      moderator: await make(DEMO_ACCOUNTS.moderator),
      citizens,
    };
  }
}
