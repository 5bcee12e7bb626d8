/** Messages between the benchmark coordinator and its load processes (child_process IPC). */
export interface Participant {
  index: number;
  token: string;
}

export type ToLoad =
  | { type: 'connect'; origins: string[]; participants: Participant[]; sessionId: string; concurrency: number; deadline: number }
  | { type: 'storm'; t0: number; rate: number; total: number; durationS: number; questionIds: string[] }
  | { type: 'close' };

export type FromLoad =
  | { type: 'connected'; handshakeMs: number[]; joinMs: number[]; failures: string[]; firstStart: number; lastDone: number }
  | { type: 'stormDone'; votes: VoteRecord[]; lagMs: number[]; failures: Record<string, number> }
  | { type: 'error'; message: string };

/** [question index, send time (epoch ms), ack latency ms or -1, 1 = upvoted, 0 = refused] */
export type VoteRecord = [number, number, number, number];

export type ToWatch =
  | { type: 'connect'; origins: string[]; tokens: string[]; sessionId: string }
  | { type: 'mark' }
  | { type: 'analyze'; questionIds: string[]; votes: Array<[number, number]> }
  | { type: 'close' };

export type FromWatch =
  | { type: 'connected'; count: number }
  | { type: 'marked' }
  | {
      type: 'analyzed';
      fanout: { n: number; p50: number; p99: number; max: number };
      /** Fan-out p99 of the votes sent in the storm's first fifth and in its last. */
      fanoutTrend: [number, number];
      /** Fan-out p99 of the watchers connected to each server process. */
      fanoutP99ByOrigin: number[];
      missing: number;
      finalCounts: Array<Record<string, number>>;
    }
  | { type: 'error'; message: string };

export type ToPage =
  | { type: 'open'; origin: string; code: string; cpuSlowdown: number }
  | { type: 'mark' }
  /** `from`/`to`: the storm's window (epoch ms), for the long tasks. */
  | { type: 'analyze'; questionIds: string[]; votes: Array<[number, number]>; from: number; to: number }
  | { type: 'close' };

export type FromPage =
  | { type: 'opened' }
  | { type: 'marked'; questions: number }
  | {
      type: 'analyzed';
      /** Vote sent → the page draws a count that includes it. */
      fanout: { n: number; p50: number; p99: number; max: number };
      missing: number;
      /** Votes on a question that left the drawn list before its count showed (not timed). */
      offPage: number;
      /** Questions of the storm that the page had drawn (a phone renders the first page only). */
      watchedQuestions: number;
      /** Main-thread tasks over 50 ms during the storm (in the slowed-down CPU's time). */
      longTasks: { count: number; max: number; totalMs: number };
    }
  | { type: 'closed' }
  | { type: 'error'; message: string };
