/**
 * What vite.config.ts writes into dist/sw.js in place of `__PRECACHE__`: every file of the
 * build but sw.js, relative to it, and a hash of their names and bytes that names the cache.
 */
export interface Precache {
  version: string;
  files: string[];
}

/** The cache one build's files live in; the service worker deletes every other of this prefix. */
export const CACHE_PREFIX = 'mitosis-studio-';
