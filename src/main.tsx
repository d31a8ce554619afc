import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './ui/styles.css';
import { registerServiceWorker } from './sw/register';
import { App } from './ui/App';
import { createStudio, StudioProvider } from './ui/StudioContext';

const studio = createStudio();
// `?sample=adult` opens with the built-in Adult census table already loaded.
if (new URLSearchParams(location.search).get('sample') === 'adult') void studio.store.getState().loadSample();

// Offline after the first visit: the built app's files are cached (src/sw/serviceWorker.ts).
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioProvider studio={studio}>
      <App />
    </StudioProvider>
  </StrictMode>,
);
