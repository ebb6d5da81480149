/** Everything a protocol handler needs, created once per emulator instance. */
import type pg from "pg";
import type { EmulatorConfig } from "../config";
import type { FaultInjector } from "../faults/injector";
import type { OrgStore } from "../org";

export interface EmulatorContext {
  config: EmulatorConfig;
  pool: pg.Pool;
  store: OrgStore;
  faults: FaultInjector;
  /** Wakes the processing loop now instead of at its next poll. */
  kick(): void;
  log(message: string): void;
}
