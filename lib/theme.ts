/** The colour schemes a user may choose; without a choice the browser's preference applies. */
export type Theme = 'light' | 'dark';

/** The cookie that remembers the choice (read by the server, so pages render in it). */
export const THEME_COOKIE = 'regionwatch_theme';

export function parseTheme(value: string | undefined): Theme | null {
  return value === 'light' || value === 'dark' ? value : null;
}
