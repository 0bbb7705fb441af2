import type { Collector, CycleContext } from './types';

/**
 * A collector that runs only while `holds()` says so. The checks that span every region
 * (probes and the GTM, failovers, incidents, divergence) run in one of several per-region
 * agents at a time, the one holding their lease in the shared event store; the others stand
 * by, and report no regions while they do.
 */
export class WhileHolding implements Collector {
  constructor(
    private readonly inner: Collector,
    private readonly holds: () => boolean,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get intervalMs(): number {
    return this.inner.intervalMs;
  }

  get cycleDeadlineMs(): number | undefined {
    return this.inner.cycleDeadlineMs;
  }

  get regions(): readonly string[] {
    return this.holds() ? this.inner.regions : [];
  }

  async runCycle(context: CycleContext): Promise<void> {
    if (this.holds()) await this.inner.runCycle(context);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
