import { isDesktop } from '../../api.ts';
import { EmptyState } from '../../app/EmptyState.tsx';
import { ImportButton } from './ImportFlow.tsx';

/** A case with nothing in it yet: how to get files in, in the words of the host it runs in. */
export function NoEventsYet(): React.JSX.Element {
  return (
    <EmptyState
      title="This case has no events yet"
      detail={
        isDesktop ? (
          <>
            Import audit-log exports (JSON, NDJSON, CSV, .gz, .zip or whole folders) with File → Import Files… (Ctrl+I),
            or drop them on this window.
          </>
        ) : (
          <>
            Import audit-log exports (JSON, NDJSON, CSV, .gz, .zip) with the button below or by dropping files or
            folders on this window. From a shell, <code>auditlens import</code> does the same.
          </>
        )
      }
      action={<ImportButton />}
    />
  );
}
