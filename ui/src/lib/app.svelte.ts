// What every screen may need to know about the store, kept fresh after
// actions that change it (a demo load, an import, a settled conflict).
import { api, asError } from './api';
import type { ErrorView, LockView, StatusView } from './bindings';

export const app = $state({
  status: null as StatusView | null,
  openError: null as ErrorView | null,
  /** What unlocking asks for; its `state` is null once the store is open. */
  lock: null as LockView | null
});

/** The lock first: nothing else answers while the store is locked. */
export async function refreshStatus(): Promise<void> {
  try {
    app.lock = await api.lockState();
    app.openError = null;
    if (app.lock.state === null) app.status = await api.status();
  } catch (error) {
    app.openError = asError(error);
  }
}

/** Locks now (the button, or the idle timer): the key leaves memory. */
export async function lockNow(): Promise<void> {
  app.lock = await api.lock();
  app.status = null;
}
