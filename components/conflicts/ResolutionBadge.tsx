import type { Resolution } from '@/lib/api/types';

const RESOLUTION_TITLES: Record<Resolution, string> = {
  lww: 'last write wins (by timestamp, region name breaks ties)',
  crdt: 'CRDT merge',
  merge: 'domain merge rule',
  manual: 'manual reconciliation',
};

/** The resolution strategy as a compact tag; the title spells it out. */
export function ResolutionBadge({ resolution }: { resolution: Resolution }) {
  return (
    <span className={`resolution-badge resolution-${resolution}`} title={RESOLUTION_TITLES[resolution]}>
      {resolution}
    </span>
  );
}

export const RESOLUTIONS: Resolution[] = ['lww', 'crdt', 'merge', 'manual'];
export { RESOLUTION_TITLES };
