/** Deterministic fault injection: seeded PRNG streams for request faults and row-lock faults. */
import { defaultFaults, type FaultConfig } from "../config";

export type RequestFault = "drop" | "error" | "limit";

/** mulberry32: tiny, fast, good enough to spread faults evenly and reproducibly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface FaultCounters {
  requests: number;
  errors: number;
  drops: number;
  limited: number;
  lockedRows: number;
}

export class FaultInjector {
  private current: FaultConfig;
  private requestRandom: () => number;
  private rowRandom: () => number;
  private counters: FaultCounters = { requests: 0, errors: 0, drops: 0, limited: 0, lockedRows: 0 };
  private pattern: RegExp | null = null;

  constructor(config: FaultConfig) {
    this.current = { ...config };
    this.requestRandom = prng(config.seed);
    this.rowRandom = prng(config.seed ^ 0x5f3759df);
    this.pattern = config.pathPattern ? new RegExp(config.pathPattern) : null;
  }

  get config(): FaultConfig {
    return { ...this.current };
  }

  get stats(): FaultCounters {
    return { ...this.counters };
  }

  /** Replaces the given settings and restarts the PRNG streams and counters, so runs are repeatable. */
  configure(partial: Partial<FaultConfig>): FaultConfig {
    const next = { ...this.current, ...partial };
    if (next.pathPattern) new RegExp(next.pathPattern); // throws on an invalid pattern before anything changes
    this.current = next;
    this.pattern = next.pathPattern ? new RegExp(next.pathPattern) : null;
    this.requestRandom = prng(next.seed);
    this.rowRandom = prng(next.seed ^ 0x5f3759df);
    this.counters = { requests: 0, errors: 0, drops: 0, limited: 0, lockedRows: 0 };
    return this.config;
  }

  reset(): FaultConfig {
    this.current = { ...defaultFaults, seed: this.current.seed };
    return this.configure({});
  }

  /** Decides the fate of one API request (called once per request on API paths). */
  onRequest(path: string): RequestFault | null {
    if (this.pattern && !this.pattern.test(path)) return null;
    this.counters.requests += 1;
    const { requestLimitAfter, dropRate, errorRate } = this.current;
    if (requestLimitAfter !== null && this.counters.requests > requestLimitAfter) {
      this.counters.limited += 1;
      return "limit";
    }
    if (dropRate <= 0 && errorRate <= 0) return null;
    const roll = this.requestRandom();
    if (roll < dropRate) {
      this.counters.drops += 1;
      return "drop";
    }
    if (roll < dropRate + errorRate) {
      this.counters.errors += 1;
      return "error";
    }
    return null;
  }

  /** Whether the next DML row fails with UNABLE_TO_LOCK_ROW. */
  lockRow(): boolean {
    if (this.current.lockRowRate <= 0) return false;
    const locked = this.rowRandom() < this.current.lockRowRate;
    if (locked) this.counters.lockedRows += 1;
    return locked;
  }

  get slowBatchMs(): number {
    return this.current.slowBatchMs;
  }
}
