import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** A single-page app built into the desktop binary (no server): see https://v2.tauri.app/start/frontend/sveltekit/ */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ fallback: 'index.html', strict: false }),
    alias: { $assets: '../assets' }
  }
};
