'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useOptimistic, useTransition, type FormEvent } from 'react';
import { Resolution } from '@/lib/api/types';
import { CONFLICT_RANGES, NO_FILTERS, conflictsPageHref, hasNarrowingFilters, type ConflictFilters, type ConflictRange } from '@/lib/conflicts/filters';
import { useTopologyQuery } from '@/lib/query/hooks';
import { RESOLUTION_TITLES, RESOLUTIONS } from './ResolutionBadge';

/**
 * Filters for the conflicts page. The URL is the only state: every change navigates to
 * the page with new search params (dropping the page cursor), so a filtered view can be
 * shared, reloaded and undone with Back.
 */
export function ConflictFilterBar({ filters: urlFilters }: { filters: ConflictFilters }) {
  const router = useRouter();
  // Controls show the chosen value at once, not only after the server has rendered the new URL.
  const [filters, showFilters] = useOptimistic(urlFilters);
  const [, startTransition] = useTransition();
  const topology = useTopologyQuery();
  const regions = withCurrent(topology.data?.regions.map((region) => region.name) ?? [], [filters.source, filters.target]);
  const ids = { source: useId(), target: useId(), entity: useId(), resolution: useId(), pending: useId() };

  const apply = (patch: Partial<ConflictFilters>) => {
    const next = { ...filters, ...patch };
    startTransition(() => {
      showFilters(next);
      // Empty values (the "any" options) are left out of the URL by conflictsPageHref.
      router.push(conflictsPageHref(next), { scroll: false });
    });
  };
  const applyEntityType = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('entity_type');
    apply({ entityType: typeof value === 'string' ? value.trim() : undefined });
  };

  return (
    <form className="filter-bar" role="search" aria-label="Filter conflicts" onSubmit={applyEntityType}>
      <div className="filter-field">
        <label htmlFor={ids.source}>Source</label>
        <select id={ids.source} value={filters.source ?? ''} onChange={(event) => apply({ source: event.target.value })}>
          <option value="">any region</option>
          {regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </select>
      </div>
      <span className="filter-arrow" aria-hidden="true">
        →
      </span>
      <div className="filter-field">
        <label htmlFor={ids.target}>Target</label>
        <select id={ids.target} value={filters.target ?? ''} onChange={(event) => apply({ target: event.target.value })}>
          <option value="">any region</option>
          {regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.entity}>Entity type</label>
        {/* Keyed by the URL value so Back/Forward refill the box; applied on Enter or leaving the box. */}
        <input
          key={filters.entityType ?? ''}
          id={ids.entity}
          name="entity_type"
          type="search"
          placeholder="any"
          defaultValue={filters.entityType ?? ''}
          pattern="[A-Za-z0-9_.:\-]*"
          maxLength={100}
          onBlur={(event) => {
            if (event.target.value.trim() !== (filters.entityType ?? '')) event.target.form?.requestSubmit();
          }}
        />
      </div>
      <div className="filter-field">
        <label htmlFor={ids.resolution}>Resolution</label>
        <select id={ids.resolution} value={filters.resolution ?? ''} onChange={(event) => apply({ resolution: Resolution.safeParse(event.target.value).data })}>
          <option value="">any</option>
          {RESOLUTIONS.map((resolution) => (
            <option key={resolution} value={resolution} title={RESOLUTION_TITLES[resolution]}>
              {resolution}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field filter-check">
        <input id={ids.pending} type="checkbox" checked={filters.pendingOnly} onChange={(event) => apply({ pendingOnly: event.target.checked })} />
        <label htmlFor={ids.pending}>Pending only</label>
      </div>
      <RangeLinks filters={filters} />
      {hasNarrowingFilters(filters) ? (
        <Link href={conflictsPageHref({ ...NO_FILTERS, range: filters.range })} className="button button-quiet filter-clear" scroll={false}>
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

function RangeLinks({ filters }: { filters: ConflictFilters }) {
  return (
    <nav className="segmented filter-range" aria-label="Time range">
      {(Object.keys(CONFLICT_RANGES) as ConflictRange[]).map((range) => (
        <Link
          key={range}
          href={conflictsPageHref({ ...filters, range })}
          scroll={false}
          aria-current={range === filters.range ? 'page' : undefined}
          title={CONFLICT_RANGES[range].description}
          className="segmented-option"
        >
          {range}
        </Link>
      ))}
    </nav>
  );
}

/** Keeps a filtered region selectable even before (or without) the topology listing it. */
function withCurrent(regions: string[], current: Array<string | undefined>): string[] {
  const all = [...regions];
  for (const region of current) if (region && !all.includes(region)) all.push(region);
  return all;
}
