'use client';

import Link from 'next/link';
import { useSloListQuery } from '@/lib/query/slo';
import { SLO_PATH, sloHref } from '@/lib/slo-view/format';

/** The API answered 404: say so, and offer the SLOs that do exist. */
export function NoSuchSlo({ name }: { name: string }) {
  const { data: list } = useSloListQuery();
  const names = list?.items.map((slo) => slo.name) ?? [];
  return (
    <div className="page-error" role="alert" data-testid="no-such-slo">
      <h1>
        No SLO named <span className="mono">{name}</span>
      </h1>
      <p>
        SLOs come from the <span className="mono">slos</span> section of the config.
        {list ? (names.length ? ' These are configured:' : ' None is configured.') : null}
      </p>
      {names.length ? (
        <ul className="slo-name-list">
          {names.map((known) => (
            <li key={known}>
              <Link href={sloHref(known)} className="mono">
                {known}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="button-row">
        <Link href={SLO_PATH} className="button">
          All SLOs
        </Link>
        <Link href="/" className="button button-quiet">
          Back to overview
        </Link>
      </div>
    </div>
  );
}
