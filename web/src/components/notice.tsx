/**
 * A calm full-width message with a way forward, for the app's frame (server unreachable, a
 * page that would not load). Ant Design's Result would do, but it brings its three large
 * illustrations into the first chunk every visitor downloads.
 */
import { WarningFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';

export function Notice({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="notice" role="alert">
      <WarningFilled className="notice-icon" aria-hidden="true" />
      <div className="notice-title">{title}</div>
      {children}
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}
