'use client';

import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useId, useState } from 'react';

/**
 * The main navigation. Wide screens show the links in the header; narrow ones (phones) fold
 * them behind a Menu button, which closes again once a link has been followed.
 */
export function AppNav({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page (pathname) is what closes the menu
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button type="button" className="nav-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Menu
      </button>
      <nav id={id} aria-label="Main" className={`app-nav${open ? ' is-open' : ''}`}>
        {children}
      </nav>
    </>
  );
}
