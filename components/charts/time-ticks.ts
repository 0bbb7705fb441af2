const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick spacings a person reads as round numbers on a clock. */
const STEPS_MS = [
  SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  // SLO windows run to 30 days and more.
  2 * DAY,
  7 * DAY,
];

export interface TimeTicks {
  ticks: number[];
  stepMs: number;
}

/**
 * Round tick times between `fromMs` and `toMs`, about `target` of them, aligned to the
 * local clock (`localOffsetMs` = local time minus UTC) so that hourly ticks fall on :00
 * in a +05:30 zone too.
 */
export function timeTicks(fromMs: number, toMs: number, localOffsetMs: number, target = 6): TimeTicks {
  if (!(toMs > fromMs) || target < 1) return { ticks: [], stepMs: STEPS_MS[0] };
  const idealStep = (toMs - fromMs) / target;
  const stepMs = STEPS_MS.find((step) => step >= idealStep) ?? STEPS_MS[STEPS_MS.length - 1];
  const ticks: number[] = [];
  for (let tick = Math.ceil((fromMs + localOffsetMs) / stepMs) * stepMs - localOffsetMs; tick <= toMs; tick += stepMs) {
    ticks.push(tick);
  }
  return { ticks, stepMs };
}

/** Tick text in local time, as precise as the spacing needs: `14:05:30`, `14:05`, `Nov 28`. */
export function formatTickTime(atMs: number, stepMs: number): string {
  const withSeconds = stepMs < MINUTE;
  const withDate = stepMs >= DAY;
  if (withDate) return new Date(atMs).toLocaleDateString([], { month: 'short', day: 'numeric' });
  return new Date(atMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hour12: false });
}

/** A tooltip's time: the full local date and time. */
export function formatTooltipTime(atMs: number): string {
  return new Date(atMs).toLocaleString([], { hour12: false });
}
