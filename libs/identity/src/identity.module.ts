import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AppConfig } from '@balai/config';
import { RealtimeModule } from '@balai/realtime';
import { AdminBootstrap } from './admin-bootstrap';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { EndedSessions } from './ended-sessions';
import { GuestProofOfWork } from './guest-proof-of-work';
import { PasswordHasher } from './password-hasher';
import { PersonalDataRegistry } from './personal-data';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataService } from './personal-data.service';
import { SessionEnd } from './session-end.entity';
import { SessionEndsService } from './session-ends.service';
import { SuspensionList } from './suspension-list';
import { TokenService } from './token.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { WriteLimitInterceptor } from './write-limit.interceptor';

/** Global: every domain guards its routes with `@Auth(role)`, which needs the token service. */
@Global()
@Module({
  imports: [
    MikroOrmModule.forFeature([User, SessionEnd]),
    RealtimeModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A prepared key: jsonwebtoken would otherwise rebuild a KeyObject from the string on every sign and verify.
        secret: createSecretKey(Buffer.from(config.jwt.secret)),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwt.ttl as `${number}h` },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, PersonalDataController],
  providers: [
    AuthService,
    UsersService,
    TokenService,
    PasswordHasher,
    AuthGuard,
    AdminBootstrap,
    SuspensionList,
    EndedSessions,
    SessionEndsService,
    PersonalDataRegistry,
    PersonalDataService,
    GuestProofOfWork,
    // Every authenticated HTTP write, whatever the route: HTTP_WRITES_PER_MINUTE per participant.
    { provide: APP_INTERCEPTOR, useClass: WriteLimitInterceptor },
  ],
  exports: [AuthService, UsersService, TokenService, AuthGuard, SuspensionList, EndedSessions, SessionEndsService, PersonalDataRegistry],
})
export class IdentityModule {}
