/**
 * The public pages' few routes, on the History API: a link between two public pages changes
 * the page in place; a link anywhere else (sign-in, giving, transparency) loads that page, which
 * the coordinators' app serves.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';
import { PUBLIC_PAGE_PATH as PUBLIC_PATH } from '../../../src/http/web-pages';

const CHANGE = 'corespond:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

/** The current path, re-rendering on every navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** What the page that navigated here handed over (e.g. a report just made). */
export function useNavigationState<T>(): T | null {
  useSyncExternalStore(subscribe, () => window.location.href);
  return (window.history.state as { usr?: T } | null)?.usr ?? null;
}

/** Goes to `to`: in place for a public page, else by loading it. */
export function navigate(to: string, state?: unknown): void {
  if (!PUBLIC_PATH.test(to.split('?')[0] ?? to)) {
    window.location.assign(to);
    return;
  }
  window.history.pushState({ usr: state ?? null }, '', to);
  window.scrollTo({ top: 0 });
  window.dispatchEvent(new Event(CHANGE));
}

/** A link; between public pages it navigates in place (a modified click still opens a tab). */
export function Link({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!PUBLIC_PATH.test(to)) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} {...rest} onClick={onClick} />;
}
