// Placeholder replaced by the engine implementation (being written now).
import type { AuditApi, AuditEvents, ApiEventName } from '../../preload/api.ts';
export interface EngineHost extends AuditApi {
  on<E extends ApiEventName>(event: E, listener: (payload: AuditEvents[E]) => void): () => void;
  dispose(): Promise<void>;
}
export declare function createEngine(opts?: { casePath?: string }): Promise<EngineHost>;
