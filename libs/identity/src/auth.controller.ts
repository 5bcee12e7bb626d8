import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AppConfig } from '@balai/config';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import { AuthService } from './auth.service';
import { GuestDto } from './dto/guest.dto';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { AuthResultView } from './dto/user.view';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  private readonly loginLimit: RateLimiter;
  private readonly guestLimit: RateLimiter;

  constructor(
    private readonly auth: AuthService,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    this.loginLimit = limiters.create({ name: 'login', points: config.limits.loginsPerMinute, durationSeconds: 60 });
    // A whole hall behind one router joins at once: guests get a separate, far larger allowance.
    this.guestLimit = limiters.create({ name: 'guest', points: config.limits.guestsPerMinute, durationSeconds: 60 });
  }

  @Post('register')
  @ApiCreatedResponse({ type: AuthResultView })
  @ApiConflictResponse({ description: 'The e-mail address is taken' })
  register(@Body() body: RegisterDto): Promise<AuthResultView> {
    return this.auth.register(body);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResultView })
  @ApiTooManyRequestsResponse({ description: 'Too many logins from this address (10 a minute by default)' })
  async login(@Body() body: LoginDto, @Ip() ip: string): Promise<AuthResultView> {
    await this.loginLimit.consume(ip);
    return this.auth.login(body.email, body.password);
  }

  @Post('guest')
  @ApiCreatedResponse({ type: AuthResultView, description: 'A live participant without an account' })
  async guest(@Body() body: GuestDto, @Ip() ip: string): Promise<AuthResultView> {
    await this.guestLimit.consume(ip);
    return this.auth.guest(body.displayName);
  }
}
