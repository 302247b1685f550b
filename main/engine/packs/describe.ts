import type { FieldSpec, MappingChoice, MappingPack } from './types.ts';

/** Where a field spec reads from, as a person would write it. */
function source(spec: FieldSpec): string {
  if (typeof spec === 'string') return spec;
  if (Array.isArray(spec)) return spec.join(' | ');
  if (spec.const !== undefined) return `"${spec.const}"`;
  if (spec.template !== undefined) return spec.template;
  if (spec.ifPresent !== undefined) return `${spec.ifPresent} present ? "${spec.then ?? ''}" : "${spec.else ?? ''}"`;
  const p = spec.path === undefined ? '' : Array.isArray(spec.path) ? spec.path.join(' | ') : spec.path;
  const ops = [spec.transform, spec.regex ? `regex ${spec.regex}` : '', spec.map ? 'mapped' : '', spec.default ? `default "${spec.default}"` : '']
    .filter(Boolean)
    .join(', ');
  return ops ? `${p} (${ops})` : p;
}

/**
 * What a pack maps to each column and why: the generic pack's own evidence, or for a vendor pack
 * (and a user's mapping) the pack itself as the reason.
 */
export function describeMapping(pack: MappingPack): MappingChoice[] {
  if (pack.choices?.length) return pack.choices;
  const why = `${pack.label} mapping pack v${pack.version}${pack.unwrap?.length ? `, record inside ${pack.unwrap.join(' or ')}` : ''}`;
  return Object.entries(pack.fields).map(([column, spec]) => ({
    column: column === 'time' ? 'event_time' : column,
    from: source(spec as FieldSpec),
    why,
  }));
}
