/**
 * Takes the serve host's access token out of the page URL and removes it from the address bar,
 * so it does not linger in history, bookmarks, screenshots or a screen share. Reloads still work:
 * the server set an HttpOnly cookie on the first load.
 */
export function takeTokenFromUrl(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return token === '' ? null : token;
}
