import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // The message catalogues live in ../assets, shared with the Rust side.
  server: { fs: { allow: ['..'] } },
  build: { target: 'safari15', chunkSizeWarningLimit: 800 },
  test: { include: ['src/**/*.test.ts'] }
});
