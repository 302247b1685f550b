import type { CollectorId } from '../../../../preload/api.ts';
import type { VendorDef } from '../types.ts';
import { okta } from './okta.ts';

export const COLLECTORS: VendorDef[] = [okta];

export function vendorById(id: string): VendorDef | undefined {
  return COLLECTORS.find((v) => v.id === id);
}

export const COLLECTOR_IDS: CollectorId[] = COLLECTORS.map((v) => v.id);
