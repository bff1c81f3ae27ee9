import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // svelteTesting: components mount in the tests' DOM, and unmount after each.
  plugins: [sveltekit(), svelteTesting()],
  // The message catalogues live in ../assets, shared with the Rust side.
  server: { fs: { allow: ['..'] } },
  build: { target: 'safari15', chunkSizeWarningLimit: 800 },
  test: { include: ['src/**/*.test.ts'] }
});
