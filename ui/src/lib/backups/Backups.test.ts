// @vitest-environment jsdom
// The tired expert undoing an import: the backups listed newest first with
// when and why each was taken, nothing restored until the person confirms,
// the whole name of the one chosen sent, and the list as it is after.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/svelte';

import { useBackend } from '$lib/api';
import type { BackupView, LockView, StatusView } from '$lib/bindings';
import { testBackend } from '$lib/testing/backend';
import Backups from './Backups.svelte';

const AT = Date.UTC(2026, 11, 7, 9, 30);

function backup(sequence: number, reason: BackupView['reason'], taken_at: number | null = AT + sequence * 60_000): BackupView {
  return { name: `binome-00000${sequence}-x-${reason.why}.sqlite3`, taken_at, reason, bytes: 2_500_000 };
}

const kept = [
  backup(3, { why: 'import_table', table: 'participants' }),
  backup(2, { why: 'import_bundle' }),
  backup(1, { why: 'by_hand' }),
  backup(0, { why: 'unknown' }, null)
];

function shell(restored: string[]) {
  useBackend(
    testBackend({
      backups: async () => kept,
      restoreBackup: async (name) => {
        restored.push(name);
        return [backup(4, { why: 'before_restore' }), ...kept];
      },
      lockState: async (): Promise<LockView> => ({ state: null, min_chars: 10 }),
      status: async () => ({}) as StatusView
    })
  );
}

function rows(container: HTMLElement): string[][] {
  return [...container.querySelectorAll('#backups-table tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim() ?? '')
  );
}

describe('Backups', () => {
  it('lists when and why each backup was taken, newest first', async () => {
    shell([]);
    const { container } = render(Backups);
    await waitFor(() => expect(rows(container)).toHaveLength(4));
    const listed = rows(container);
    expect(listed[0][1]).toBe('Importer des participants');
    expect(listed[1][1]).toBe('Importer un lot');
    expect(listed[2][1]).toBe('(sauvegarde manuelle)');
    // A name Binôme did not write has no time: its name stands instead.
    expect(listed[3]).toEqual([kept[3].name, '(fichier déposé hors de Binôme)']);
    expect(listed[0][0]).toMatch(/^07\/12\/2026 \d\d:\d\d:00$/);
  });

  it('restores only once confirmed, by the whole name of the backup chosen', async () => {
    const restored: string[] = [];
    shell(restored);
    const { container } = render(Backups);
    await waitFor(() => expect(rows(container)).toHaveLength(4));
    const restoreButtons = () => [...container.querySelectorAll<HTMLButtonElement>('button.restore')];

    await fireEvent.click(restoreButtons()[1]);
    // The keyboard is taken to the question, on the button that cancels.
    const cancel = document.activeElement as HTMLButtonElement;
    expect(cancel.closest('#restore-confirm')).not.toBeNull();
    expect(cancel.id).not.toBe('confirm-restore');
    await fireEvent.click(cancel);
    expect(container.querySelector('#restore-confirm')).toBeNull();
    expect(restored).toEqual([]);

    await fireEvent.click(restoreButtons()[1]);
    await fireEvent.click(container.querySelector<HTMLButtonElement>('#confirm-restore')!);
    await waitFor(() => expect(container.querySelector('#backups-done')).not.toBeNull());
    expect(restored).toEqual([kept[1].name]);
    expect(rows(container)[0][1]).toBe('Une restauration');
    expect(rows(container)).toHaveLength(5);
  });
});
