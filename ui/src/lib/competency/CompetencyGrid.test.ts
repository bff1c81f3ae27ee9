// @vitest-environment jsdom
// A competency grid rated by keyboard alone: a digit picks the scale's
// level (0 or N "not observed"), is saved at once and moves to the next
// criterion; the competency shows the level the save computed; a digit
// past the scale does nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { useBackend } from '$lib/api';
import type { CompetencyGrid as Grid } from '$lib/bindings';
import { testBackend } from '$lib/testing/backend';
import CompetencyGrid from './CompetencyGrid.svelte';

const grid: Grid = {
  framework: {
    id: 'f1',
    code: 'SONU',
    name: 'Soins obstétricaux',
    scale: {
      levels: [
        { code: 'not_yet', label: 'Pas encore' },
        { code: 'with_help', label: 'Avec aide' },
        { code: 'alone', label: 'Seul·e' }
      ],
      not_observed: 'not_observed',
      pass_level: 'alone'
    },
    domains: [
      {
        id: 'd1',
        name: 'Accouchement',
        competencies: [
          {
            id: 'c1',
            code: 'C1',
            name: 'Délivrance active',
            criteria: [
              { id: 'k1', text: 'Ocytocine dans la minute', critical: true },
              { id: 'k2', text: 'Traction contrôlée du cordon', critical: false },
              { id: 'k3', text: 'Massage utérin', critical: false }
            ]
          }
        ]
      }
    ]
  },
  person: { id: 'p1' } as Grid['person'],
  context: 'training',
  date: '12/03/2024',
  // One per competency, as the shell sends them: none rated yet.
  competencies: [{ competency_id: 'c1', assessment_id: null, ratings: {}, level: null, level_label: null, passed: null }]
};

const saves: [string, string][] = [];

function shell() {
  const ratings: Record<string, string> = {};
  useBackend(
    testBackend({
      competencyGrid: async () => structuredClone(grid),
      rateCriterion: async (_person, _framework, _session, _date, competencyId, criterionId, level) => {
        saves.push([criterionId, level]);
        ratings[criterionId] = level;
        return {
          competency_id: competencyId,
          assessment_id: 'a1',
          ratings: { ...ratings },
          level,
          level_label: `niveau ${level}`,
          passed: level === 'alone'
        };
      }
    })
  );
}

function criterion(container: HTMLElement, id: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(`[data-criterion="${id}"]`);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

describe('CompetencyGrid', () => {
  beforeEach(() => {
    saves.length = 0;
  });

  it('rates by digit, saves at once, moves on, and shows the level the save computed', async () => {
    shell();
    const { container } = render(CompetencyGrid, { personId: 'p1', frameworkId: 'f1', place: { sessionId: 's1' } });
    await waitFor(() => criterion(container, 'k1'));
    const level = () => container.querySelector('#level-C1')?.textContent?.trim();
    expect(level()).toBe('Pas encore de niveau');

    criterion(container, 'k1').focus();
    await fireEvent.keyDown(criterion(container, 'k1'), { key: '3' });
    await waitFor(() => expect(document.activeElement).toBe(criterion(container, 'k2')));
    expect(saves).toEqual([['k1', 'alone']]);
    expect(level()).toBe('niveau alone');
    const chosen = criterion(container, 'k1').querySelector('[role="radio"][aria-checked="true"]');
    expect(chosen?.textContent).toContain('Seul·e');

    await fireEvent.keyDown(criterion(container, 'k2'), { key: 'n' });
    await waitFor(() => expect(document.activeElement).toBe(criterion(container, 'k3')));
    expect(saves).toEqual([
      ['k1', 'alone'],
      ['k2', 'not_observed']
    ]);

    // A digit past the three levels is no level: nothing is sent.
    await fireEvent.keyDown(criterion(container, 'k3'), { key: '7' });
    await fireEvent.keyDown(criterion(container, 'k3'), { key: 'ArrowUp' });
    expect(document.activeElement).toBe(criterion(container, 'k2'));
    expect(saves).toHaveLength(2);
  });
});
