import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { toErrorAck } from './ack';

/**
 * The one place where errors thrown by gateway handlers become `{ok:false,error}` acks.
 * Nest calls handlers with (socket, payload, ack); a missing ack is fine: nothing is sent.
 * Unknown errors are logged and answered `unavailable`; the connection always stays up.
 */
@Catch()
export class WsAckExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Socket.IO');

  catch(exception: unknown, host: ArgumentsHost): void {
    const socket = host.getArgByIndex<Socket | undefined>(0);
    const ack = host.getArgByIndex<unknown>(2);
    const pattern = host.getArgByIndex<unknown>(3);
    const { ack: response, expected } = toErrorAck(exception);
    if (!expected) {
      this.logger.error({ err: exception, event: String(pattern), socketId: socket?.id }, `Unhandled error on ${String(pattern)}`);
    }
    if (typeof ack === 'function') (ack as (response: unknown) => void)(response);
  }
}
