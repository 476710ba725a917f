/**
 * Keeps the focus inside the open modal dialog. An Ant Design drawer, on opening, focuses its
 * outer box, which holds the mask as well as the dialog, so a screen reader hears no dialog:
 * the focus moves on into the dialog's first control. Ant Design's modals and drawers pull the
 * focus back when it lands elsewhere in the page, but their portals are the last thing in the
 * page, so Tab from a dialog's last control leaves the page for the browser's own toolbar
 * first: it wraps round to the dialog's first control instead (Shift+Tab from the first to the last).
 */
import { useEffect } from 'react';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

function shown(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** The modal dialog on top: the last one open in the page. */
function topDialog(): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>('[role="dialog"][aria-modal="true"]')].filter(shown).at(-1);
}

function stopsIn(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.tabIndex >= 0 && shown(el));
}

function onFocusIn(event: FocusEvent): void {
  const box = event.target;
  if (!(box instanceof HTMLElement) || !box.classList.contains('ant-drawer')) return;
  // The dialog's controls may appear a few frames later, as the drawer slides in.
  let frames = 0;
  const moveIn = () => {
    if (document.activeElement !== box) return;
    const dialog = box.querySelector<HTMLElement>('[role="dialog"][aria-modal="true"]');
    const first = dialog ? stopsIn(dialog)[0] : undefined;
    if (first) first.focus();
    else if (++frames < 30) requestAnimationFrame(moveIn);
  };
  moveIn();
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Tab' || event.defaultPrevented) return;
  const dialog = topDialog();
  if (!dialog) return;
  const stops = stopsIn(dialog);
  const first = stops[0];
  const last = stops.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  const wrapTo = event.shiftKey ? (active === first || active === dialog ? last : null) : active === last ? first : null;
  if (wrapTo) {
    event.preventDefault();
    wrapTo.focus();
  }
}

export function useDialogFocusWrap(): void {
  useEffect(() => {
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, []);
}
