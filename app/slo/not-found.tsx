import Link from 'next/link';

export default function SloNotFound() {
  return (
    <div className="page-error">
      <h1>Not found</h1>
      <p>
        An SLO page is <span className="mono">/slo/NAME</span>, where NAME is an SLO from the config: lowercase letters, digits and dashes.
      </p>
      <Link href="/slo" className="button">
        All SLOs
      </Link>
    </div>
  );
}
