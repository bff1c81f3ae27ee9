// The keyboard saves go through the queue: a second tick is not sent to
// the shell before the first one has been written.
import { describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

import { invoke } from '@tauri-apps/api/core';
import { api } from './api';

describe('api', () => {
  it('sends ticks, scores and criterion levels one at a time, in the order they were typed', async () => {
    const sent: string[] = [];
    let finishFirst: () => void = () => {};
    vi.mocked(invoke).mockImplementation(async (command, args) => {
      const what = `${command} ${JSON.stringify(Object.values(args ?? {}).at(-1))}`;
      sent.push(`${what} sent`);
      if (sent.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
      sent.push(`${what} written`);
      return {};
    });
    const typed = [
      api.mark('s1', 'p1', 'present'),
      api.mark('s1', 'p1', 'absent'),
      api.enterScore('s1', 'p1', 'pre', '12', '20'),
      api.rateCriterion('p1', 'f1', { sessionId: 's1' }, 'c1', 'k1', '3')
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toEqual(['mark_attendance "present" sent']);
    finishFirst();
    await Promise.all(typed);
    expect(sent).toEqual([
      'mark_attendance "present" sent',
      'mark_attendance "present" written',
      'mark_attendance "absent" sent',
      'mark_attendance "absent" written',
      'enter_score "20" sent',
      'enter_score "20" written',
      'rate_criterion "3" sent',
      'rate_criterion "3" written'
    ]);
  });
});
