import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { CollectorHealthBadge } from '@/components/health/CollectorHealthBadge';
import { AppNav } from '@/components/ui/AppNav';
import { NavLink } from '@/components/ui/NavLink';
import { ThemeToggle } from '@/components/theme/ThemeToggle';
import { parseTheme, THEME_COOKIE } from '@/lib/theme';
import { Providers } from '@/lib/query/providers';
import './globals.css';
import '@/components/ui/ui.css';
import '@/components/charts/charts.css';
import '@/components/conflicts/conflicts.css';
import '@/components/divergence/divergence.css';
import '@/components/failover/failover.css';
import '@/components/failover/incidents.css';
import '@/components/slo/slo.css';
import '@/components/runbooks/runbooks.css';

// Rendered per request: each page's scripts carry that response's CSP nonce (see proxy.ts).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'regionwatch', template: '%s · regionwatch' },
  description: 'Replication lag, conflicts, divergence, failovers and SLOs across regions',
  icons: { icon: '/favicon.svg' },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Providers>
          <header className="app-header">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true" />
              regionwatch
            </Link>
            <AppNav>
              <NavLink href="/">Overview</NavLink>
              <NavLink href="/conflicts">Conflicts</NavLink>
              <NavLink href="/divergence">Divergence</NavLink>
              <NavLink href="/failovers">Failovers</NavLink>
              <NavLink href="/slo">SLOs</NavLink>
            </AppNav>
            <div className="app-header-status">
              <CollectorHealthBadge />
              <ThemeToggle chosen={theme} />
            </div>
          </header>
          <main id="main" className="app-main">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
