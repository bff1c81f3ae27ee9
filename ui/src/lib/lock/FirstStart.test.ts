// @vitest-environment jsdom
// First start: the laptop's keys are made only once both names are given,
// and each missing one is pointed at, not only announced.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/svelte';

import { useBackend } from '$lib/api';
import type { DeviceRole, StatusView } from '$lib/bindings';
import { testBackend } from '$lib/testing/backend';
import FirstStart from './FirstStart.svelte';

function mount(made: [string, string, DeviceRole][]) {
  useBackend(
    testBackend({
      initDevice: async ({ name, author, role }) => {
        made.push([name, author, role]);
        return { device: null } as StatusView;
      }
    })
  );
  return render(FirstStart);
}

const input = (container: HTMLElement, id: string) => container.querySelector(`#${id}`) as HTMLInputElement;

describe('FirstStart', () => {
  it('makes nothing while a name is missing, and marks the field that lacks it', async () => {
    const made: [string, string, DeviceRole][] = [];
    const { container } = mount(made);
    await fireEvent.input(input(container, 'first-author'), { target: { value: 'Dr Awa Diallo' } });
    await fireEvent.input(input(container, 'first-name'), { target: { value: '   ' } });
    await fireEvent.submit(container.querySelector('form')!);
    expect(input(container, 'first-name').getAttribute('aria-invalid')).toBe('true');
    expect(input(container, 'first-author').getAttribute('aria-invalid')).toBe('false');
    expect(container.querySelectorAll('.problem')).toHaveLength(1);
    expect(made).toEqual([]);
  });

  it('makes the laptop with its name, its user and the role chosen', async () => {
    const made: [string, string, DeviceRole][] = [];
    const { container } = mount(made);
    await fireEvent.input(input(container, 'first-author'), { target: { value: 'Dr Awa Diallo' } });
    await fireEvent.input(input(container, 'first-name'), { target: { value: 'Portable Moundou' } });
    await fireEvent.click(container.querySelector('input[value="referent"]')!);
    await fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(made).toEqual([['Portable Moundou', 'Dr Awa Diallo', 'referent']]));
  });
});
