import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AppConfig } from '@balai/config';
import { ClientAddress } from '@balai/http';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import { Auth, CurrentUser, WhileSuspended } from './auth.decorators';
import { AuthService } from './auth.service';
import { GuestDto } from './dto/guest.dto';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { GuestChallengeView } from './dto/guest-challenge.view';
import { GuestProofOfWork } from './guest-proof-of-work';
import { AuthResultView } from './dto/user.view';
import { Principal } from './principal';
import { SessionEndsService } from './session-ends.service';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  private readonly loginLimit: RateLimiter;
  private readonly loginAccountLimit: RateLimiter;
  private readonly registerLimit: RateLimiter;
  private readonly guestLimit: RateLimiter;

  constructor(
    private readonly auth: AuthService,
    private readonly sessionEnds: SessionEndsService,
    private readonly proofOfWork: GuestProofOfWork,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    // Every per-address limit counts by `ClientAddress`: TRUST_PROXY applied, IPv6 grouped by /64.
    this.loginLimit = limiters.create({ name: 'login', points: config.limits.loginsPerMinute, durationSeconds: 60 });
    // Per account too: guessing one person's password from many addresses is as slow as from one.
    this.loginAccountLimit = limiters.create({ name: 'login-account', points: config.limits.loginsPerMinute, durationSeconds: 60 });
    this.registerLimit = limiters.create({ name: 'register', points: config.limits.registrationsPerHour, durationSeconds: 3600 });
    // A whole hall behind one router joins at once: guests get a separate, far larger allowance.
    this.guestLimit = limiters.create({ name: 'guest', points: config.limits.guestsPerMinute, durationSeconds: 60 });
  }

  @Post('register')
  @ApiCreatedResponse({ type: AuthResultView })
  @ApiConflictResponse({ description: 'The e-mail address is taken' })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address (20 an hour by default)' })
  async register(@Body() body: RegisterDto, @ClientAddress() address: string): Promise<AuthResultView> {
    await this.registerLimit.consume(address);
    return this.auth.register(body);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResultView })
  @ApiTooManyRequestsResponse({ description: 'Too many logins from this address or for this account (10 a minute each by default)' })
  async login(@Body() body: LoginDto, @ClientAddress() address: string): Promise<AuthResultView> {
    await this.loginLimit.consume(address);
    await this.loginAccountLimit.consume(body.email.toLowerCase());
    return this.auth.login(body.email, body.password);
  }

  @Get('guest/challenge')
  @ApiOperation({
    summary: 'A proof-of-work challenge for guest sign-in',
    description: 'Only with GUEST_PROOF_OF_WORK=true (else 404): an ALTCHA challenge (SHA-256), valid 5 minutes, solved once.',
  })
  @ApiOkResponse({ type: GuestChallengeView })
  @ApiNotFoundResponse({ description: 'Guest sign-in needs no proof of work on this server' })
  challenge(): Promise<GuestChallengeView> {
    return this.proofOfWork.challenge();
  }

  @Post('guest')
  @ApiCreatedResponse({ type: AuthResultView, description: 'A live participant without an account' })
  @ApiBadRequestResponse({ description: 'With GUEST_PROOF_OF_WORK: no `altcha` solution sent' })
  @ApiForbiddenResponse({ description: '`proof_of_work_invalid` (wrong, expired or forged) or `proof_of_work_used`' })
  @ApiTooManyRequestsResponse({ description: 'Too many guests from this address (2,000 a minute by default)' })
  async guest(@Body() body: GuestDto, @ClientAddress() address: string): Promise<AuthResultView> {
    // Checked first: a request without valid work takes nothing from the hall's allowance.
    await this.proofOfWork.redeem(body.altcha);
    await this.guestLimit.consume(address);
    return this.auth.guest(body.displayName);
  }

  @Post('logout')
  @HttpCode(204)
  @Auth('guest')
  @WhileSuspended()
  @ApiOperation({
    summary: 'Sign out everywhere',
    description:
      "Ends every session of the caller's account, not only this token's: every access token issued until now is " +
      "refused (401 `token_revoked`) on every process, and the account's Socket.IO connections are closed. " +
      'A role change, a suspension and a deleted account end the sessions the same way. Sign in again for a new token.',
  })
  @ApiNoContentResponse({ description: "Signed out: the account's tokens issued until now no longer work" })
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.sessionEnds.end(principal.id);
  }
}
