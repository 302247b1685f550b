import { useEffect, useRef, type ReactNode } from 'react';

export interface ModalProps {
  open: boolean;
  onClose(): void;
  title: string;
  testId?: string;
  className?: string;
  /** Buttons or notes for the title bar, left of the close button. */
  headerExtra?: ReactNode;
  children: ReactNode;
}

/**
 * A modal on the native <dialog>: the browser gives it the top layer, a focus trap, an inert page
 * behind it and Escape to close, so none of that is reimplemented here. A click on the backdrop
 * closes it too.
 */
export function Modal({
  open,
  onClose,
  title,
  testId,
  className,
  headerExtra,
  children,
}: ModalProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      data-testid={testId}
      aria-label={title}
      onClose={(e) => {
        // React bubbles onClose through the component tree: a nested dialog closing is not us.
        if (e.target === e.currentTarget && open) onClose();
      }}
      onClick={(e) => {
        // The dialog element itself is only hit outside its content box, i.e. on the backdrop.
        if (e.target === e.currentTarget) e.currentTarget.close();
      }}
    >
      {open && (
        <div className="modal-frame">
          <header className="modal-head">
            <h2>{title}</h2>
            {headerExtra}
            <button
              type="button"
              className="icon"
              aria-label="Close"
              title="Close (Esc)"
              onClick={() => ref.current?.close()}
            >
              ×
            </button>
          </header>
          <div className="modal-body">{children}</div>
        </div>
      )}
    </dialog>
  );
}
