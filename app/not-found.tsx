import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="page-error">
      <h1>Not found</h1>
      <p>There is no such page or region pair. Region names are lowercase letters, digits and dashes.</p>
      <Link href="/" className="button">
        Back to overview
      </Link>
    </div>
  );
}
