import { Body, Controller, Delete, Get, HttpCode, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { PersonalDataExport } from '@balai/contracts';
import { AppConfig } from '@balai/config';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import { Auth, CurrentUser, WhileSuspended } from './auth.decorators';
import { DeleteAccountDto } from './dto/delete-account.dto';
import { PersonalDataService } from './personal-data.service';
import { Principal } from './principal';

/** "Your data": a person downloads or deletes what Balai holds about them. */
@ApiTags('identity')
@Controller('me')
export class PersonalDataController {
  private readonly deleteLimit: RateLimiter;

  constructor(
    private readonly personalData: PersonalDataService,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    // A stolen token must not become a password oracle: as many tries as logins, per account.
    this.deleteLimit = limiters.create({ name: 'delete-account', points: config.limits.loginsPerMinute, durationSeconds: 60 });
  }

  @Get('export')
  @Auth('guest')
  @ApiProduces('application/json')
  @ApiOperation({
    summary: 'Download my data',
    description:
      'Everything Balai holds about the caller, as a JSON download: the account, then one section per domain ' +
      '(forum threads, posts, supports; poll ballots; live questions, upvotes and mutes; reports and sanctions; ' +
      'notifications; the consultations taken part in). Nobody else’s ids, names or e-mails.',
  })
  @ApiOkResponse({ description: 'A JSON file (`Content-Disposition: attachment`)' })
  async export(@CurrentUser() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonalDataExport> {
    const data = await this.personalData.exportFor(principal);
    void reply.header('content-disposition', `attachment; filename="balai-data-${data.exportedAt.slice(0, 10)}.json"`);
    void reply.header('cache-control', 'no-store');
    return data;
  }

  @Delete()
  @HttpCode(204)
  @Auth('guest')
  @WhileSuspended()
  @ApiOperation({
    summary: 'Delete my account',
    description:
      'Accounts confirm with their password; guests send no body. The e-mail, name and password go with the account ' +
      '(the e-mail can register again); threads, posts and questions stay under "a former participant", and supports, ' +
      'ballots and upvotes keep counting. Every token of the account is refused afterwards and its sockets close.',
  })
  @ApiNoContentResponse({ description: 'The account is deleted' })
  @ApiBadRequestResponse({ description: 'An account sent no password' })
  @ApiForbiddenResponse({ description: 'The password is wrong (`wrong_password`): nothing changed' })
  @ApiConflictResponse({ description: 'The last admin (`last_admin`): make another admin first' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account (10 a minute by default)' })
  async delete(@CurrentUser() principal: Principal, @Body() body: DeleteAccountDto): Promise<void> {
    // A guest sends no body at all: the validation pipe then hands over an empty one (or none).
    await this.deleteLimit.consume(principal.id);
    await this.personalData.deleteAccount(principal, (body as DeleteAccountDto | undefined)?.password);
  }
}
