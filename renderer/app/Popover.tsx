import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface PopoverProps {
  /** Viewport coordinates of the corner to open from (a click point, or an anchor's corner). */
  at: { x: number; y: number };
  /** Open towards the left of `at` (for anchors at the right edge). */
  alignRight?: boolean;
  onClose(): void;
  className?: string;
  label: string;
  role?: 'menu' | 'dialog';
  testId?: string;
  /** For layers anchored to content that scrolls away (a cell); not for ones on sticky anchors. */
  closeOnScroll?: boolean;
  children: ReactNode;
}

/**
 * A floating layer (context menu, column chooser): kept inside the window, closed by Escape, a
 * click elsewhere, scrolling the page underneath or the window losing focus. It carries
 * `data-layer` so the global keyboard leaves keys to it while it is open.
 */
export function Popover({
  at,
  alignRight,
  onClose,
  className,
  label,
  role = 'dialog',
  testId,
  closeOnScroll = true,
  children,
}: PopoverProps): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    const margin = 6;
    let left = alignRight ? at.x - box.width : at.x;
    let top = at.y;
    left = Math.max(margin, Math.min(left, window.innerWidth - box.width - margin));
    if (top + box.height > window.innerHeight - margin)
      top = Math.max(margin, window.innerHeight - box.height - margin);
    setPos({ left, top });
  }, [at.x, at.y, alignRight]);

  useEffect(() => {
    const el = ref.current;
    // Focus moves in, so arrow keys and Escape reach the layer and a screen reader announces it.
    const first = el?.querySelector<HTMLElement>('button:not(:disabled), input, [tabindex="0"]');
    (first ?? el)?.focus();
    const onPointer = (e: PointerEvent): void => {
      if (el && !el.contains(e.target as Node)) closeRef.current();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      closeRef.current();
    };
    const onScroll = (e: Event): void => {
      if (closeOnScroll && el && !el.contains(e.target as Node)) closeRef.current();
    };
    const onBlur = (): void => closeRef.current();
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('scroll', onScroll, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, [closeOnScroll]);

  return (
    <div
      ref={ref}
      className={`popover ${className ?? ''}`}
      role={role}
      aria-label={label}
      data-layer=""
      data-testid={testId}
      tabIndex={-1}
      // Measured first (hidden), then placed: it never flashes at the wrong spot.
      style={pos ? { left: pos.left, top: pos.top } : { left: at.x, top: at.y, visibility: 'hidden' }}
    >
      {children}
    </div>
  );
}
