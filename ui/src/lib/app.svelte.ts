// What every screen may need to know about the store, kept fresh after
// actions that change it (a demo load, an import, a settled conflict).
import { api, asError } from './api';
import type { ErrorView, StatusView } from './bindings';

export const app = $state({
  status: null as StatusView | null,
  openError: null as ErrorView | null
});

export async function refreshStatus(): Promise<void> {
  try {
    app.status = await api.status();
    app.openError = null;
  } catch (error) {
    app.openError = asError(error);
  }
}
