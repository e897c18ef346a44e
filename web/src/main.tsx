import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { sessionRenewal } from './session-api';
import { themeStore } from './theme';
import './styles.css';

// public/theme-init.js showed the stored theme before the first paint; from here the page follows
// the toggle, other tabs and the system setting.
themeStore.start();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Renew the access token ahead of its expiry for as long as the page is open, and restore the
// session of a reload from the gateway's refresh cookie.
sessionRenewal.start();
void sessionRenewal.restore();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
