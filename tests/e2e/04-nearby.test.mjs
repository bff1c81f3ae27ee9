// Two laptops side by side, each its own app window: they find each other
// on the network, are refused until each has checked the other (the same
// code on both screens), then sync both ways in one click.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { join } from 'node:path';
import { step, cli, click, dump, firstStart, go, openApp, screenshot, scratch, shown, textOf, waitForText } from './support.mjs';

const dir = scratch('nearby');
const storeA = join(dir, 'a.sqlite3');
const storeB = join(dir, 'b.sqlite3');
// Ports of their own: the other scenarios' app waits on Binôme's. Below
// Linux's ephemeral range (32768 and up), where an outgoing connection of
// the drivers could hold the port first.
const base = 20000 + Math.floor(Math.random() * 12000);
let a;
let b;
after(async () => {
  await a?.deleteSession();
  await b?.deleteSession();
});

/** The laptop of `fingerprint` in `browser`'s list of laptops found. */
async function found(browser, fingerprint) {
  const row = `#nearby .laptop[data-fingerprint="${fingerprint}"]`;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await (await browser.$(row)).isExisting()) return row;
    await click(browser, '#nearby-search');
    await browser.waitUntil(async () => (await (await browser.$('#nearby-search')).isEnabled()), { timeout: 10000 });
  }
  assert.fail(`${fingerprint} was never found: ${await textOf(browser, '#nearby')}`);
}

step('two app windows find each other, check the code, trust each other and sync in one click', async () => {
  a = await openApp(storeA, { args: ['--nearby-port', String(base)] });
  await firstStart(a, { author: 'Claire Dubois', device: 'Portable de Claire', role: 'expert' });
  await click(a, '#load-demo');
  await shown(a, '#missions-table tbody tr');
  b = await openApp(storeB, { second: true, args: ['--nearby-port', String(base + 1)] });
  await firstStart(b, { author: 'Achta Mahamat', device: 'Portable Moundou', role: 'expert' });
  for (const window of [a, b]) {
    await go(window, '/sync');
    await shown(window, '#nearby-listening');
  }
  const fingerprintB = cli(storeB, 'device', 'show').fingerprint;
  const fingerprintA = cli(storeA, 'device', 'show').fingerprint;

  // First contact: both refuse, both show the same code.
  await click(a, `${await found(a, fingerprintB)} button.sync-with`);
  await shown(a, '#nearby-error');
  await shown(b, '#nearby-error');
  const codeOn = async (window) => (await textOf(window, '#nearby-error')).match(/code (\d{3} \d{3})/)?.[1];
  const [codeA, codeB] = [await codeOn(a), await codeOn(b)];
  assert.ok(codeA, await textOf(a, '#nearby-error'));
  assert.equal(codeA, codeB, 'both screens show the same code');
  await (await a.$('#nearby-error')).scrollIntoView();
  await screenshot(a, '28-proximite-premier-contact');

  // Each trusts the other from its list of laptops to recognise.
  for (const [window, other] of [[a, storeB], [b, storeA]]) {
    await shown(window, '#quarantine');
    await click(window, `#quarantine tr[data-device="${cli(other, 'device', 'show').device_id}"] button.trust`);
    await waitForText(window, '#sync-notice', 'confiance');
  }
  await click(b, `${await found(b, fingerprintA)} button.sync-with`);
  await shown(b, '#nearby-report');
  await shown(a, '#nearby-report');
  assert.equal(await textOf(a, '#nearby-code'), await textOf(b, '#nearby-code'));
  assert.match(await textOf(b, '#nearby-report'), /Portable de Claire/);
  await (await b.$('#nearby-report')).scrollIntoView();
  await screenshot(b, '29-proximite-synchronise');
  assert.equal(dump(storeA), dump(storeB), 'both laptops hold the same');
  assert.ok(cli(storeB, 'mission', 'list').length > 0, 'Claire’s missions reached Moundou');
}, () => b);
