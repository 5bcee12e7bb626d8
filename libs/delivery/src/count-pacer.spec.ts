import { Logger } from '@nestjs/common';
import { CountPacer, EVENT_LOOP_THRESHOLDS, ON_CPU_THRESHOLDS, countWindowMs, nextStretch, turnsPerWindow } from './count-pacer';

describe('countWindowMs', () => {
  it('sends counts every 100 ms to a hall of up to 4,000 and stretches the window to stay under 40,000 deliveries a second', () => {
    expect(countWindowMs(0)).toBe(100);
    expect(countWindowMs(4_000)).toBe(100);
    expect(countWindowMs(5_000)).toBe(125);
    expect(countWindowMs(12_000)).toBe(300);
  });

  it('never waits longer than 400 ms, so a change still shows within 500 ms', () => {
    expect(countWindowMs(50_000)).toBe(400);
  });
});

describe('nextStretch', () => {
  const { high, saturated, low } = ON_CPU_THRESHOLDS;

  it('stretches the windows while the event loop is saturated, faster the busier it is', () => {
    expect(nextStretch(1, (high + saturated) / 2)).toBeCloseTo(1.1);
    expect(nextStretch(1, 0.99)).toBeCloseTo(1.25);
    let stretch = 1;
    for (let i = 0; i < 50; i++) stretch = nextStretch(stretch, 1);
    expect(stretch).toBe(4);
  });

  it('shrinks them back when the loop has room, never below the budget, and holds between the two thresholds', () => {
    expect(nextStretch(2, low - 0.1)).toBeCloseTo(1.8);
    expect(nextStretch(2, (low + high) / 2)).toBe(2);
    let stretch = 3;
    for (let i = 0; i < 50; i++) stretch = nextStretch(stretch, 0);
    expect(stretch).toBe(1);
  });

  it('judges event loop utilisation (which counts preemption too) by higher thresholds', () => {
    const busyOnCpu = (ON_CPU_THRESHOLDS.high + EVENT_LOOP_THRESHOLDS.high) / 2;
    expect(nextStretch(1, busyOnCpu)).toBeCloseTo(1.1);
    expect(nextStretch(1, busyOnCpu, EVENT_LOOP_THRESHOLDS)).toBe(1);
    expect(nextStretch(2, (ON_CPU_THRESHOLDS.low + EVENT_LOOP_THRESHOLDS.low) / 2, EVENT_LOOP_THRESHOLDS)).toBeCloseTo(1.8);
    expect(nextStretch(1, 0.99, EVENT_LOOP_THRESHOLDS)).toBeCloseTo(1.25);
  });

  it('keeps most of the stretch through a pause in the counts, and drifts back to none over a long quiet spell', () => {
    let stretch = 2;
    for (let i = 0; i < 6; i++) stretch = nextStretch(stretch, 'idle'); // 3 s without counts
    expect(stretch).toBeGreaterThan(1.7);
    for (let i = 0; i < 120; i++) stretch = nextStretch(stretch, 'idle'); // another minute
    expect(stretch).toBe(1);
  });
});

describe('turnsPerWindow', () => {
  it('writes a hall of up to 700 in one turn and splits larger ones in 2, 4 or 8 turns of at most 700 sockets', () => {
    expect(turnsPerWindow(0)).toBe(1);
    expect(turnsPerWindow(700)).toBe(1);
    expect(turnsPerWindow(1_400)).toBe(2);
    expect(turnsPerWindow(2_050)).toBe(4);
    expect(turnsPerWindow(2_525)).toBe(4);
    expect(turnsPerWindow(5_000)).toBe(8);
    expect(turnsPerWindow(100_000)).toBe(8);
  });
});

describe('CountPacer', () => {
  beforeAll(() => Logger.overrideLogger(false)); // its debug lines are for operators, not for the test output
  const saturated = { busy: 0.99, busySource: 'onCpu', eventLoop: 0.99, cpu: 0.99 } as const;
  let pacer: CountPacer;
  beforeEach(() => {
    pacer = new CountPacer();
    pacer.onModuleDestroy(); // samples are fed by hand below, not by its timer
  });

  it('stretches the windows of a saturated process that is sending counts', () => {
    pacer.noteTurn();
    pacer.sample(saturated);
    expect(pacer.windowMs(5_000)).toBe(Math.round(125 * 1.25));
  });

  it('learns nothing from a busy loop while no counts flow (a join storm before the first vote)', () => {
    for (let i = 0; i < 10; i++) pacer.sample(saturated);
    expect(pacer.windowMs(5_000)).toBe(125);
  });

  it('reads a loop that is busy but not saturated by the thresholds of its signal', () => {
    const busy = { busy: 0.93, eventLoop: 0.93, cpu: 0.93 };
    pacer.noteTurn();
    pacer.sample({ ...busy, busySource: 'eventLoop' });
    expect(pacer.windowMs(5_000)).toBe(125);
    pacer.noteTurn();
    pacer.sample({ ...busy, busySource: 'onCpu' });
    expect(pacer.windowMs(5_000)).toBe(Math.round(125 * 1.1));
  });

  it('judges each sample by the turns since the previous one', () => {
    pacer.noteTurn();
    pacer.sample(saturated);
    pacer.sample(saturated); // no count turn in this one: it only drifts back
    expect(pacer.windowMs(5_000)).toBe(Math.round(125 * 1.25 * 0.98));
  });
});
