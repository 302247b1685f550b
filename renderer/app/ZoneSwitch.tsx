import { localZoneName } from './format.ts';
import { useScope } from './scope.tsx';

/**
 * UTC / local for every time on screen. The zone in force is always named next to it (status bar),
 * because a timestamp without its zone is how timelines go wrong.
 */
export function ZoneSwitch(): React.JSX.Element {
  const { zone, setZone } = useScope();
  const local = localZoneName();
  return (
    <div className="segmented small zone-switch" role="group" aria-label="Time zone">
      <button
        type="button"
        className={zone === 'UTC' ? 'seg active' : 'seg'}
        aria-pressed={zone === 'UTC'}
        data-testid="zone-utc"
        title="Show times in UTC"
        onClick={() => setZone('UTC')}
      >
        UTC
      </button>
      <button
        type="button"
        className={zone === 'local' ? 'seg active' : 'seg'}
        aria-pressed={zone === 'local'}
        data-testid="zone-local"
        title={`Show times in this machine's zone (${local})`}
        onClick={() => setZone('local')}
      >
        Local
      </button>
    </div>
  );
}
