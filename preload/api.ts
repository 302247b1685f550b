/**
 * The one typed contract between the renderer and whatever hosts the engine (Electron main over
 * IPC, or the serve host over HTTP). Every method returns a Result instead of throwing, because
 * exceptions do not survive process boundaries intact. The preload object, the IPC binding and
 * the HTTP client are all built from API_METHODS / API_EVENTS.
 *
 * Each domain declares its methods, their argument kinds and its events in `contract/<domain>.ts`;
 * this file only composes them. Adding a method is three edits: the domain's contract, the engine
 * module that implements it, the caller.
 */
import { ANNOTATE_EVENTS, ANNOTATE_METHODS, type AnnotateApi, type AnnotateEvents } from './contract/annotate.ts';
import { CASE_EVENTS, CASE_METHODS, type CaseApi, type CaseEvents } from './contract/case.ts';
import { COLLECT_EVENTS, COLLECT_METHODS, type CollectApi, type CollectEvents } from './contract/collect.ts';
import type { ArgKind } from './contract/common.ts';
import { CUSTODY_METHODS, type CustodyApi } from './contract/custody.ts';
import { EXPORT_EVENTS, EXPORT_METHODS, type ExportApi, type ExportEvents } from './contract/export.ts';
import { IMPORT_EVENTS, IMPORT_METHODS, type ImportApi, type ImportEvents } from './contract/import.ts';
import { MAPPING_EVENTS, MAPPING_METHODS, type MappingApi, type MappingEvents } from './contract/mapping.ts';
import { QUERY_METHODS, type QueryApi } from './contract/query.ts';
import { SESSION_METHODS, type SessionApi } from './contract/session.ts';
import { TIMELINE_METHODS, type TimelineApi } from './contract/timeline.ts';

export * from './contract/common.ts';
export * from './contract/annotate.ts';
export * from './contract/case.ts';
export * from './contract/custody.ts';
export * from './contract/collect.ts';
export * from './contract/export.ts';
export * from './contract/import.ts';
export * from './contract/mapping.ts';
export * from './contract/query.ts';
export * from './contract/session.ts';
export * from './contract/timeline.ts';

export interface AuditApi extends CaseApi, ImportApi, QueryApi, SessionApi, TimelineApi, AnnotateApi, CustodyApi, CollectApi, ExportApi, MappingApi {}

/** Every method of the API with the top-level kinds of its arguments. */
export const API_METHODS = {
  ...CASE_METHODS,
  ...IMPORT_METHODS,
  ...QUERY_METHODS,
  ...SESSION_METHODS,
  ...TIMELINE_METHODS,
  ...ANNOTATE_METHODS,
  ...CUSTODY_METHODS,
  ...COLLECT_METHODS,
  ...EXPORT_METHODS,
  ...MAPPING_METHODS,
} as const satisfies Record<keyof AuditApi, readonly ArgKind[]>;

export type ApiMethod = keyof AuditApi;
export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethod[];

/** Events pushed from the host to the renderer. */
export interface AuditEvents extends CaseEvents, ImportEvents, AnnotateEvents, CollectEvents, ExportEvents, MappingEvents {}

export const API_EVENTS = { ...CASE_EVENTS, ...IMPORT_EVENTS, ...ANNOTATE_EVENTS, ...COLLECT_EVENTS, ...EXPORT_EVENTS, ...MAPPING_EVENTS } as const satisfies Record<keyof AuditEvents, true>;

export type ApiEventName = keyof AuditEvents;

/** What the preload exposes as window.auditlens and the HTTP client mirrors. */
export type AuditBridge = AuditApi & {
  on<E extends ApiEventName>(event: E, listener: (payload: AuditEvents[E]) => void): () => void;
};

export type ApiArgs<M extends ApiMethod> = Parameters<AuditApi[M]>;
export type ApiReturn<M extends ApiMethod> = Awaited<ReturnType<AuditApi[M]>>;
