/**
 * Registers the service worker (src/sw/serviceWorker.ts, built to sw.js) once the page has
 * loaded, so its caching never competes with the app's start. Production builds only: the dev
 * server has no sw.js, and a cache would hide edits.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((err: unknown) => {
      console.warn('The app will not open offline: its service worker did not register.', err);
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
