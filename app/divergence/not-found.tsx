import Link from 'next/link';

export default function DivergenceNotFound() {
  return (
    <div className="page-error">
      <h1>Not found</h1>
      <p>
        A divergence drill-down is <span className="mono">/divergence/DATASET/REGION/OTHER-REGION</span>: lowercase names, two different regions.
      </p>
      <Link href="/divergence" className="button">
        Back to the matrix
      </Link>
    </div>
  );
}
