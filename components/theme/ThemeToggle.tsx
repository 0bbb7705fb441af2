'use client';

import { useEffect, useState } from 'react';
import { THEME_COOKIE, type Theme } from '@/lib/theme';

/**
 * Switches between the light and dark schemes. Without a choice the page follows the
 * browser's `prefers-color-scheme`; a choice goes into a cookie, which the server reads to
 * render the next page in it, so nothing flashes in the other scheme first.
 */
export function ThemeToggle({ chosen }: { chosen: Theme | null }) {
  const [theme, setTheme] = useState<Theme | null>(chosen);
  const [preferred, setPreferred] = useState<Theme | null>(null);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: light)');
    const follow = () => setPreferred(query.matches ? 'light' : 'dark');
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  const current = theme ?? preferred;
  // Until the browser's preference is known (the first render, on the server), the button waits.
  if (current === null) return <span className="theme-toggle" aria-hidden="true" />;
  const next: Theme = current === 'dark' ? 'light' : 'dark';
  const choose = () => {
    document.documentElement.dataset.theme = next;
    // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie to render pages in the chosen scheme; the Cookie Store API is not in every browser
    document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    setTheme(next);
  };
  return (
    <button type="button" className="theme-toggle" onClick={choose} aria-label={`Switch to the ${next} theme`} title={`Switch to the ${next} theme`}>
      {current === 'dark' ? '☾ Dark' : '☀ Light'}
    </button>
  );
}
