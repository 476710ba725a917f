/**
 * Where a page loaded on first visit appears: a calm spinner while its chunk arrives, and a
 * plain "reload" when it cannot (a dropped mobile connection, or a new release whose old
 * chunks are gone) instead of a blank screen.
 */
import { Button, Spin } from 'antd';
import { Component, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { Notice } from './notice';

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <Notice title={t('app.loadFailed')} action={<Button onClick={() => window.location.reload()}>{t('app.reload')}</Button>} />
  );
}

interface BoundaryProps {
  /** Changes when the reader goes elsewhere, which clears a failure. */
  resetKey: string;
  children: ReactNode;
}

class LoadBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidUpdate(previous: BoundaryProps) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

/** A centred spinner, the whole page high or (`inline`) within the app's frame. */
export function PageSpin({ inline = false }: { inline?: boolean }) {
  return (
    <div className={inline ? 'page-center' : 'full-page-center'}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Shows lazily loaded pages below it, with a spinner while they load and a way out when they
 * fail; going to another page clears the failure. Inside the router only.
 */
export function PageLoader({ inline = false, children }: { inline?: boolean; children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <LoadBoundary resetKey={pathname}>
      <Suspense fallback={<PageSpin inline={inline} />}>{children}</Suspense>
    </LoadBoundary>
  );
}
