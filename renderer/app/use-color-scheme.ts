import { useEffect, useState } from 'react';

export type ColorScheme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

/**
 * The OS colour scheme, live. CSS follows it by itself; canvas drawing (the histogram) reads its
 * colours from CSS variables and needs to know when to read them again.
 */
export function useColorScheme(): ColorScheme {
  const [scheme, setScheme] = useState<ColorScheme>(() => (window.matchMedia(QUERY).matches ? 'dark' : 'light'));
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const onChange = (): void => setScheme(media.matches ? 'dark' : 'light');
    media.addEventListener('change', onChange);
    onChange();
    return () => media.removeEventListener('change', onChange);
  }, []);
  return scheme;
}

/** A CSS custom property of the document as the browser resolved it for the current scheme. */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
