// A single-page app inside the desktop window: rendered in the webview only.
export const ssr = false;
