/** The light public pages' entry (web/public-pages.html); the coordinators' app is web/src/main.tsx. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import './public.css';
import { PublicApp } from './public-app';

const container = document.getElementById('root');
if (!container) throw new Error('public-pages.html has no #root');
// A reader who chose zh-Hant or English sees it from the first paint, not after a flash of zh-Hans.
void i18nReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <PublicApp />
    </StrictMode>,
  ),
);
