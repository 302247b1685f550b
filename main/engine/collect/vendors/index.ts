import type { CollectorId } from '../../../../preload/api.ts';
import type { VendorDef } from '../types.ts';
import { epilot } from './epilot.ts';
import { github } from './github.ts';
import { okta } from './okta.ts';
import { squadcast } from './squadcast.ts';
import { ubiops } from './ubiops.ts';

export const COLLECTORS: VendorDef[] = [epilot, ubiops, squadcast, okta, github];

export function vendorById(id: string): VendorDef | undefined {
  return COLLECTORS.find((v) => v.id === id);
}

export const COLLECTOR_IDS: CollectorId[] = COLLECTORS.map((v) => v.id);
