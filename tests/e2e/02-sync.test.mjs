// Two laptops that have never met: the second introduces itself, the first
// trusts it and sends its data, the second checks the fingerprint and
// receives it. A tampered bundle is refused; a conflict is settled.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  step,
  dump,
  cli,
  CLI,
  click,
  exportTo as exportBundle,
  previewBundle,
  firstStart,
  go,
  laptopSwitcher,
  screenshot,
  scratch,
  shown,
  textOf,
  type,
  waitForText
} from './support.mjs';

const dir = scratch('sync');
const storeA = join(dir, 'a.sqlite3');
const storeB = join(dir, 'b.sqlite3');
let browser;
const switchTo = laptopSwitcher((opened) => (browser = opened));

const exportTo = (path, recipientName) => exportBundle(browser, path, recipientName);
const importBundle = (path) => previewBundle(browser, path);

step('a laptop started from scratch receives a bundle after both fingerprints are checked', async () => {
  // Laptop B introduces itself with an empty bundle.
  await switchTo(storeB);
  await firstStart(browser, { author: 'Achta Mahamat', device: 'Portable Moundou', role: 'expert' });
  const fingerprintB = await textOf(browser, '#own-fingerprint');
  const intro = join(dir, 'intro-b.binome');
  await exportTo(intro);

  // Laptop A (with the demo data) meets B and trusts it.
  await switchTo(storeA);
  await firstStart(browser, { author: 'Claire Dubois', device: 'Portable de Claire', role: 'expert' });
  await click(browser, '#load-demo');
  await shown(browser, '#missions-table tbody tr');
  await importBundle(intro);
  await click(browser, '#import-bundle');
  await shown(browser, '#quarantine');
  assert.match(await textOf(browser, '#quarantine'), new RegExp(fingerprintB.replace(/[-\s]/g, '.')));
  await click(browser, '#quarantine button.trust');
  await shown(browser, '#sync-notice');
  const toB = join(dir, 'a-to-b.binome');
  await exportTo(toB, 'Portable Moundou');
  const missionsA = cli(storeA, 'mission', 'list').length;

  // B receives it: waits in quarantine until A's fingerprint is trusted.
  await switchTo(storeB);
  await importBundle(toB);
  await screenshot(browser, '08-lot-apercu');
  await click(browser, '#import-bundle');
  await shown(browser, '#quarantine');
  assert.equal(cli(storeB, 'mission', 'list').length, 0, 'nothing applied before trust');
  await click(browser, '#quarantine button.trust');
  await waitForText(browser, '#sync-notice', 'confiance');
  await shown(browser, '#bundle-report');
  assert.equal(cli(storeB, 'mission', 'list').length, missionsA, 'B holds A’s missions');
  await screenshot(browser, '09-synchronisation');
}, () => browser);

step('a tampered bundle is refused with a clear message and nothing changes', async () => {
  const toB = join(dir, 'a-to-b.binome');
  const tampered = join(dir, 'tampered.binome');
  copyFileSync(toB, tampered);
  const bytes = readFileSync(tampered);
  // A byte of the signed header (near the start of the zip) is changed.
  const at = bytes.indexOf(Buffer.from('"bundle_id"')) + 20;
  bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
  writeFileSync(tampered, bytes);
  const before = dump(storeB);
  await importBundle(tampered);
  await shown(browser, '#bundle-error');
  assert.match(await textOf(browser, '#bundle-error'), /modifié|falsifié|endommagé|illisible/);
  assert.equal(await (await browser.$('#import-bundle')).isExisting(), false, 'no import offered');
  await screenshot(browser, '10-lot-falsifie');
  assert.equal(dump(storeB), before, 'the store is unchanged');
}, () => browser);

step('a conflict is shown side by side and settled', async () => {
  // Both laptops rename the same session differently, then exchange.
  const session = cli(storeB, 'session', 'list')[0];
  await go(browser, `/sessions/${session.id}`);
  await click(browser, '#tab-details');
  await type(browser, '#field-title', 'Titre choisi à Moundou');
  await click(browser, 'form.record-form button[type="submit"]');
  await shown(browser, '.record-form .saved');
  const toA = join(dir, 'b-to-a.binome');
  await exportTo(toA, 'Portable de Claire');

  await switchTo(storeA);
  await go(browser, `/sessions/${session.id}`);
  await click(browser, '#tab-details');
  await type(browser, '#field-title', 'Titre choisi à Paris');
  await click(browser, 'form.record-form button[type="submit"]');
  await shown(browser, '.record-form .saved');
  await importBundle(toA);
  await click(browser, '#import-bundle');
  await shown(browser, '#bundle-report');
  await shown(browser, '#conflicts article.conflict');
  const conflict = await textOf(browser, '#conflicts article.conflict');
  assert.match(conflict, /Titre choisi à Moundou/);
  assert.match(conflict, /Titre choisi à Paris/);
  await screenshot(browser, '11-conflit');
  const keep = await browser.$$('#conflicts article.conflict button.keep');
  const heads = await browser.$$('#conflicts article.conflict .value');
  let index = 0;
  for (let i = 0; i < heads.length; i += 1) if ((await heads[i].getText()).includes('Moundou')) index = i;
  await keep[index].click();
  await waitForText(browser, '#sync-notice', 'Conflit réglé');
  assert.equal(cli(storeA, 'session', 'show', session.id).data.title, 'Titre choisi à Moundou');
  const remaining = cli(storeA, 'conflicts', 'list') ?? [];
  assert.equal(remaining.length, 0, 'no conflict left');
}, () => browser);

step('a lost laptop is revoked with its fingerprint in view, and trusted again only after a confirmation', async () => {
  await go(browser, '/sync');
  await click(browser, '#devices-table tr[data-trust="trusted"] button.revoke');
  await shown(browser, '.confirm');
  const fingerprintB = cli(storeB, 'device', 'show').fingerprint;
  assert.match(await textOf(browser, '.confirm'), new RegExp(fingerprintB.replace(/\s/g, '.')));
  assert.equal(cli(storeA, 'devices', 'list').find((d) => d.name === 'Portable Moundou').trust, 'trusted', 'nothing before the confirmation');
  // What this laptop sent it, all of which that laptop can read.
  await shown(browser, '#sent-bundles tbody tr');
  assert.ok((await browser.$$('#sent-bundles tbody tr')).length >= 1, 'the bundles sent to it are listed');
  assert.match(await textOf(browser, '.confirm'), /aucun lot ne lui sera plus chiffré/);
  await screenshot(browser, '22-revocation');
  await click(browser, '.confirm button.confirm-decision');
  await waitForText(browser, '#sync-notice', 'révoqué');
  assert.equal(cli(storeA, 'devices', 'list').find((d) => d.name === 'Portable Moundou').trust, 'revoked');
  await shown(browser, '#devices-table tr[data-trust="revoked"]');

  await click(browser, '#devices-table tr[data-trust="revoked"] button.retrust');
  await shown(browser, '.confirm');
  await click(browser, '.confirm button.confirm-decision');
  await waitForText(browser, '#sync-notice', 'confiance');
  assert.equal(cli(storeA, 'devices', 'list').find((d) => d.name === 'Portable Moundou').trust, 'trusted');
}, () => browser);

step('a laptop nearby syncs from the sync screen, both screens showing the same code', async () => {
  // B waits on loopback, as `binome sync nearby --listen` on the laptop
  // down the corridor; A types the address it shows.
  const waiting = spawn(CLI, ['--db', storeB, 'sync', 'nearby', '--listen', '127.0.0.1:0'], {
    env: { ...process.env, LANG: 'fr_FR.UTF-8' }
  });
  let printed = '';
  waiting.stdout.on('data', (chunk) => (printed += chunk));
  const ended = new Promise((resolveEnd) => waiting.on('exit', (code) => resolveEnd(code)));
  const started = Date.now();
  while (!printed.includes('\n') && Date.now() - started < 20_000) await browser.pause(100);
  const address = printed.split('\n')[0].trim();
  assert.match(address, /^127\.0\.0\.1:\d+$/);

  await go(browser, '/sync');
  await shown(browser, '#nearby');
  await type(browser, '#nearby-address', address);
  await click(browser, '#nearby-connect');
  await shown(browser, '#nearby-report');
  assert.equal(await ended, 0, 'the other laptop synced too');
  const code = await textOf(browser, '#nearby-code');
  assert.match(code, /^\d{3} \d{3}$/);
  assert.ok(printed.includes(code), `the other screen shows ${code}: ${printed}`);
  assert.match(await textOf(browser, '#nearby-report'), /Portable Moundou/);
  await screenshot(browser, '26-synchro-proximite');
  assert.equal(dump(storeA), dump(storeB), 'both laptops hold the same after one click');
}, () => browser);

step('a laptop never met is refused until its fingerprint is checked, then syncs with the screen waiting', async () => {
  const storeC = join(dir, 'c.sqlite3');
  cli(storeC, 'init', '--name', 'Portable de Mongo', '--author', 'Haoua Abakar', '--role', 'expert');
  cli(storeC, 'programmes', 'add', '--code', 'PASMO', '--name', 'PAS Mongo', '--country', 'TD', '--start-date', '01/01/2024');
  const fingerprintC = cli(storeC, 'device', 'show').fingerprint;
  // A's sync screen is open: it waits on Binôme's port.
  await go(browser, '/sync');
  await shown(browser, '#nearby-listening');
  const connect = () =>
    spawnSync(CLI, ['--db', storeC, 'sync', 'nearby', '--peer', '127.0.0.1'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'fr_FR.UTF-8' }
    });
  const refused = connect();
  assert.equal(refused.status, 1, refused.stderr);
  await shown(browser, '#nearby-error');
  const refusal = await textOf(browser, '#nearby-error');
  assert.match(refusal, /Portable de Mongo/);
  // Both screens show the connection's code, to compare before trusting.
  const firstCode = refusal.match(/code (\d{3} \d{3})/)?.[1];
  assert.ok(firstCode && refused.stderr.includes(firstCode), `${refusal} / ${refused.stderr}`);
  await shown(browser, '#quarantine');
  assert.match(await textOf(browser, '#quarantine'), new RegExp(fingerprintC.replace(/\s/g, '.')));
  assert.equal(cli(storeA, 'programmes', 'list').filter((p) => p.data.code === 'PASMO').length, 0, 'nothing crossed');

  // Fingerprints read aloud: A trusts C on its screen, C trusts A.
  await click(browser, `#quarantine tr[data-device="${cli(storeC, 'device', 'show').device_id}"] button.trust`);
  await waitForText(browser, '#sync-notice', 'confiance');
  cli(storeC, 'devices', 'trust', 'Portable de Claire');
  const synced = connect();
  assert.equal(synced.status, 0, synced.stderr);
  await shown(browser, '#nearby-report');
  const code = await textOf(browser, '#nearby-code');
  assert.ok(synced.stdout.includes(code), `the other screen shows ${code}: ${synced.stdout}`);
  assert.equal(cli(storeA, 'programmes', 'list').filter((p) => p.data.code === 'PASMO').length, 1, 'C’s work is here');
  await screenshot(browser, '27-synchro-proximite-premiere-fois');
}, () => browser);
