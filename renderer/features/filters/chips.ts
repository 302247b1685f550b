import type { Chip } from '../../app/scope.tsx';

/** Short column names for chips and facets; the filter language keeps the real ones. */
const COLUMN_LABELS: Partial<Record<string, string>> = {
  target_name: 'target name',
  target_id: 'target id',
  target_type: 'target type',
  src_ip: 'IP',
  action_class: 'class',
  vendor: 'source',
};

export function columnLabel(column: string): string {
  return COLUMN_LABELS[column] ?? column;
}

/** How a chip reads: `actor = alice`, `actor ≠ alice`, `IP is empty`. */
export function chipText(chip: Chip): { column: string; op: string; value: string } {
  const column = columnLabel(chip.column);
  if (chip.value === null) return { column, op: chip.exclude ? 'is not' : 'is', value: 'empty' };
  return { column, op: chip.exclude ? '≠' : '=', value: chip.value };
}

export function toggleChip(chip: Chip): Chip {
  return { ...chip, exclude: !chip.exclude };
}
