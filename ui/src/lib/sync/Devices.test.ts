// @vitest-environment jsdom
// The lost-laptop procedure as the coordinator goes through it: a trusted
// laptop revoked only once confirmed, with what was sent to it in view; a
// revoked one trusted again only once confirmed; nothing offered for this
// laptop itself or for one still waiting to be recognised.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/svelte';

import { useBackend } from '$lib/api';
import type { DeviceRowView, DeviceTrust } from '$lib/bindings';
import { testBackend } from '$lib/testing/backend';
import Devices from './Devices.svelte';

function device(id: string, name: string, trust: DeviceTrust): DeviceRowView {
  return { id, name, role: 'expert', trust, fingerprint: `${id.toUpperCase()}-FPR`, first_seen: 0 };
}

const devices = [
  device('self', 'Portable coordination', 'self'),
  device('lost', 'Portable Moundou', 'trusted'),
  device('found', 'Portable Abéché', 'revoked'),
  device('new', 'Portable Sarh', 'pending')
];

type Calls = { revoked: string[]; retrusted: string[]; notices: string[] };

function mount(calls: Calls) {
  useBackend(
    testBackend({
      bundlesSentTo: async () => [
        { bundle_id: 'b1', created_at: Date.UTC(2026, 11, 1, 8), acknowledged: true },
        { bundle_id: 'b2', created_at: Date.UTC(2026, 11, 3, 8), acknowledged: false }
      ],
      revokeDevice: async (fingerprint) => {
        calls.revoked.push(fingerprint);
      },
      trustRevokedDevice: async (fingerprint) => {
        calls.retrusted.push(fingerprint);
        return [];
      }
    })
  );
  return render(Devices, {
    devices,
    onchanged: async (notice: string) => {
      calls.notices.push(notice);
    }
  });
}

function row(container: HTMLElement, id: string): HTMLElement {
  return container.querySelector(`#devices-table tr[data-device="${id}"]`) as HTMLElement;
}

describe('Devices', () => {
  it('offers revoking a trusted laptop and trusting a revoked one again, nothing else', () => {
    const { container } = mount({ revoked: [], retrusted: [], notices: [] });
    const offered = (id: string) => [...row(container, id).querySelectorAll('button')].map((b) => b.classList[0]);
    expect(offered('lost')).toEqual(['revoke']);
    expect(offered('found')).toEqual(['retrust']);
    expect(offered('self')).toEqual([]);
    expect(offered('new')).toEqual([]);
  });

  it('revokes only once confirmed, after showing what was sent to the laptop', async () => {
    const calls: Calls = { revoked: [], retrusted: [], notices: [] };
    const { container } = mount(calls);

    await fireEvent.click(row(container, 'lost').querySelector('button.revoke')!);
    await waitFor(() => expect(container.querySelectorAll('#sent-bundles tbody tr')).toHaveLength(2));
    const confirmation = container.querySelector('[role="alertdialog"]')!;
    expect(confirmation.textContent).toContain('LOST-FPR');
    expect([...container.querySelectorAll('#sent-bundles tbody tr td:last-child')].map((td) => td.textContent)).toEqual([
      'oui',
      'pas encore'
    ]);
    expect(calls.revoked).toEqual([]);

    await fireEvent.click(container.querySelector('button.confirm-decision')!);
    await waitFor(() => expect(calls.revoked).toEqual(['LOST-FPR']));
    expect(calls.notices).toHaveLength(1);
    expect(calls.notices[0]).toContain('Portable Moundou');
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
  });

  it('cancelling a revocation changes nothing', async () => {
    const calls: Calls = { revoked: [], retrusted: [], notices: [] };
    const { container, getByText } = mount(calls);
    await fireEvent.click(row(container, 'lost').querySelector('button.revoke')!);
    await fireEvent.click(getByText('Annuler'));
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(calls).toEqual({ revoked: [], retrusted: [], notices: [] });
  });

  it('trusts a revoked laptop again only once confirmed, by its fingerprint', async () => {
    const calls: Calls = { revoked: [], retrusted: [], notices: [] };
    const { container } = mount(calls);
    await fireEvent.click(row(container, 'found').querySelector('button.retrust')!);
    expect(container.querySelector('#sent-bundles')).toBeNull();
    expect(calls.retrusted).toEqual([]);
    await fireEvent.click(container.querySelector('button.confirm-decision')!);
    await waitFor(() => expect(calls.retrusted).toEqual(['FOUND-FPR']));
    expect(calls.revoked).toEqual([]);
    expect(calls.notices[0]).toContain('Portable Abéché');
  });
});
