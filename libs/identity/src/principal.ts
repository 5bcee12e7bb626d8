import { Role } from '@balai/contracts';

/** Who is calling, as the access token says. Attached to HTTP requests and Socket.IO sockets. */
export interface Principal {
  id: string;
  role: Role;
  displayName: string;
}
