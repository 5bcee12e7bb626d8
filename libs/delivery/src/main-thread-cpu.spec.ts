import { mainThreadCpuNs } from './main-thread-cpu';

describe('mainThreadCpuNs', () => {
  const linux = process.platform === 'linux';

  (linux ? it : it.skip)('reads the time the main thread ran on a CPU, which grows with work and not with waiting', async () => {
    const start = mainThreadCpuNs()!;
    expect(start).toBeGreaterThan(0);
    const cpuAtStart = process.cpuUsage();
    while (process.cpuUsage(cpuAtStart).user < 50_000); // 50 ms of CPU, spent by this thread
    const afterWork = mainThreadCpuNs()!;
    expect(afterWork - start).toBeGreaterThanOrEqual(40e6);
    await new Promise((resolve) => setTimeout(resolve, 200)); // 200 ms of waiting
    expect(mainThreadCpuNs()! - afterWork).toBeLessThan(100e6);
  });
});
