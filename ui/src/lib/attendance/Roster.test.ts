// @vitest-environment jsdom
// The roster by keyboard alone, as an expert ticks forty names between two
// sessions: a letter marks the row and moves on, the count follows the
// domain's counted attendance, a refused save puts the row back and says
// why on that row.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/svelte';

import { useBackend } from '$lib/api';
import type { AttendanceStatus, Kind, RecordView, RosterRow, RosterView } from '$lib/bindings';
import { testBackend } from '$lib/testing/backend';
import Roster from './Roster.svelte';

function row(person_id: string, name: string, status: AttendanceStatus | null = null): RosterRow {
  return { person_id, name, cadre: null, organisation: null, status, note: null };
}

function record(kind: Kind, id: string): RecordView {
  return { kind, id, label: '', text: {}, refs: {}, deleted: false, author: null };
}

function roster(rows: RosterRow[]): RosterView {
  return { session: record('session', 's1'), mission: record('mission', 'm1'), rows };
}

const marks: [string, string][] = [];

function shell(refuse: (status: AttendanceStatus) => boolean = () => false) {
  useBackend(
    testBackend({
      roster: async () => roster([row('p1', 'ABAKAR Ali'), row('p2', 'MAHAMAT Achta'), row('p3', 'ZAKARIA Zénaba')]),
      markAttendance: async ({ person_id: person, status }) => {
        if (refuse(status)) throw { code: 'invalid', message: 'Refusé par le test', problems: [], rows: [] };
        marks.push([person, status]);
        return record('attendance', `${person}-s1`);
      }
    })
  );
}

function rowOf(container: HTMLElement, person: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(`[role="row"][data-person="${person}"]`);
  if (!found) throw new Error(`no row for ${person}`);
  return found;
}

describe('Roster', () => {
  beforeEach(() => {
    // jsdom lays nothing out, so it cannot scroll a row into view.
    Element.prototype.scrollIntoView = vi.fn();
    marks.length = 0;
  });

  it('marks by letter, moves to the next name, and counts present, late and left early only', async () => {
    shell();
    const { container } = render(Roster, { sessionId: 's1' });
    await waitFor(() => rowOf(container, 'p1'));
    const count = () => container.querySelector('#roster-count')?.textContent?.trim();
    expect(count()).toBe('0 présent·e·s sur 3');

    await fireEvent.keyDown(rowOf(container, 'p1'), { key: 'a' });
    await waitFor(() => expect(rowOf(container, 'p1').dataset.saved).toBe('yes'));
    expect(rowOf(container, 'p1').dataset.status).toBe('absent');
    expect(document.activeElement).toBe(rowOf(container, 'p2'));

    await fireEvent.keyDown(rowOf(container, 'p2'), { key: 'r' });
    await fireEvent.keyDown(rowOf(container, 'p3'), { key: 'd' });
    await waitFor(() => expect(marks).toHaveLength(3));
    expect(marks).toEqual([
      ['p1', 'absent'],
      ['p2', 'late'],
      ['p3', 'left_early']
    ]);
    expect(count()).toBe('2 présent·e·s sur 3');

    // Back up to the first name; the space bar turns absent into present.
    await fireEvent.keyDown(rowOf(container, 'p3'), { key: 'Home' });
    expect(document.activeElement).toBe(rowOf(container, 'p1'));
    await fireEvent.keyDown(rowOf(container, 'p1'), { key: ' ' });
    await waitFor(() => expect(marks).toHaveLength(4));
    expect(marks[3]).toEqual(['p1', 'present']);
    expect(count()).toBe('3 présent·e·s sur 3');
  });

  it('puts a refused tick back and says why on that row', async () => {
    shell((status) => status === 'excused');
    const { container } = render(Roster, { sessionId: 's1' });
    await waitFor(() => rowOf(container, 'p2'));
    await fireEvent.keyDown(rowOf(container, 'p2'), { key: 'p' });
    await waitFor(() => expect(rowOf(container, 'p2').dataset.saved).toBe('yes'));

    await fireEvent.keyDown(rowOf(container, 'p2'), { key: 'e' });
    await waitFor(() => expect(rowOf(container, 'p2').querySelector('.row-error')?.textContent).toBe('Refusé par le test'));
    expect(rowOf(container, 'p2').dataset.status).toBe('present');
    expect(marks).toEqual([['p2', 'present']]);
  });
});
