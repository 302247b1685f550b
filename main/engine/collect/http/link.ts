/** The URL of one relation in an RFC 8288 Link header (`<url>; rel="next", <url>; rel="self"`). */
export function linkRel(header: string | undefined, rel: string, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!m) continue;
    const params = m[2] ?? '';
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(params);
    const names = (rels?.[1] ?? rels?.[2] ?? '').split(/\s+/);
    if (names.includes(rel)) {
      try {
        return new URL(m[1] ?? '', base).toString();
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
