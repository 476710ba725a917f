/** The light public pages' entry (web/public-pages.html); the coordinators' app is web/src/main.tsx. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { currentCsrfToken } from '../api';
import { startOutbox } from '../offline/outbox-client';
import { registerServiceWorker } from '../offline/register-sw';
import { i18nReady } from './i18n';
import './public.css';
import { PublicApp } from './public-app';

const container = document.getElementById('root');
if (!container) throw new Error('public-pages.html has no #root');
// Installable and usable offline: the service worker is registered once the page has loaded,
// so it takes nothing from the first visit's transfer.
registerServiceWorker();
// Reports kept on this phone go out now and whenever the network returns.
startOutbox(() => ({ userId: null, csrfToken: currentCsrfToken() }));
// A reader who chose zh-Hant or English sees it from the first paint, not after a flash of zh-Hans.
void i18nReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <PublicApp />
    </StrictMode>,
  ),
);
