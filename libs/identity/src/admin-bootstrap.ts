import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM, CreateRequestContext } from '@mikro-orm/core';
import { AppConfig } from '@balai/config';
import { UsersService } from './users.service';

/** BALAI_ADMIN_EMAIL / BALAI_ADMIN_PASSWORD: on start, make sure this admin exists. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    // Read by @CreateRequestContext.
    private readonly orm: MikroORM,
  ) {}

  @CreateRequestContext()
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.admin) return;
    const outcome = await this.users.ensureAdmin(this.config.admin.email, this.config.admin.password);
    if (outcome !== 'unchanged') this.logger.log(`Admin ${this.config.admin.email}: ${outcome}`);
  }
}
