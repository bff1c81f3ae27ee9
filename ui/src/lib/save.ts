// "Save as…" for the documents the app writes: ask where, write, and tell
// the screen what happened (the path, or the error as a sentence).
import { api, asError } from './api';
import type { ErrorView, FilePurpose } from './bindings';

export type SaveOutcome = { path: string } | { error: ErrorView } | null;

export async function saveAs(
  purpose: FilePurpose,
  suggested: string,
  write: (path: string) => Promise<void>
): Promise<SaveOutcome> {
  try {
    const path = await api.pickSave(purpose, suggested.replace(/[^\w.-]+/g, '-'));
    if (!path) return null;
    await write(path);
    return { path };
  } catch (error) {
    return { error: asError(error) };
  }
}
