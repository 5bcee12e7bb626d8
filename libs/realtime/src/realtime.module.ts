import { Global, Module } from '@nestjs/common';
import { RealtimeHub } from './realtime-hub';

@Global()
@Module({ providers: [RealtimeHub], exports: [RealtimeHub] })
export class RealtimeModule {}
