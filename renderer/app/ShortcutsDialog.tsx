import { SHORTCUTS } from './keyboard.ts';
import { Modal } from './Modal.tsx';

/** The `?` overlay: every key the viewer answers to, from the same table the keyboard uses. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }): React.JSX.Element {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts" testId="shortcuts" className="shortcuts">
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td className="keys">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="muted"> or </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
