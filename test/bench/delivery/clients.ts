/** The receiving side of the delivery benchmark: N raw WebSocket clients that count messages. */
import { RawLiveClient } from '../live/raw-client';
import type { FromDeliveryClients, ToDeliveryClients } from './protocol';

const clients: RawLiveClient[] = [];
const reply = (message: FromDeliveryClients) => process.send!(message);

process.on('message', (message: ToDeliveryClients) => {
  if (message.type === 'count') {
    reply({ type: 'counted', received: clients.reduce((sum, client) => sum + client.broadcasts, 0) });
    return;
  }
  void (async () => {
    for (let i = 0; i < message.n; i += 100) {
      const batch = Array.from({ length: Math.min(100, message.n - i) }, () => new RawLiveClient(message.origin, '/live', 'bench'));
      await Promise.all(batch.map((client) => client.connect()));
      clients.push(...batch);
    }
    reply({ type: 'connected', n: clients.length });
  })();
});
