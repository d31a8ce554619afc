import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // Set-ups that train a small model (the image judge's) took past 10 s on two busy cores.
    hookTimeout: 120_000,
  },
});
