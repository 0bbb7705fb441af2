import Link from 'next/link';

export default function ConflictNotFound() {
  return (
    <div className="page-error">
      <h1>Not found</h1>
      <p>Conflict ids are whole numbers, as in the links of the conflicts list.</p>
      <Link href="/conflicts" className="button">
        Browse conflicts
      </Link>
    </div>
  );
}
