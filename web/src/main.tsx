import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import './styles.css';
import { Root } from './app';
import { preloadPage } from './lazy-pages';
import { registerServiceWorker } from './offline/register-sw';

// A public page's chunk downloads while the setup and session questions are asked.
preloadPage(window.location.pathname, false);
// Installable and usable offline (web/src/offline/sw.ts).
registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
// A reader who chose zh-Hant or English sees it from the first paint, not after a flash of zh-Hans.
void i18nReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  ),
);
