// The app as installed from its .deb (BINOME_APP=/usr/bin/binome-desktop):
// it starts on an empty store, offers the demo data and shows it.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { join } from 'node:path';
import { APP, click, firstStart, openApp, scratch, shown, step } from '../e2e/support.mjs';

let browser;
after(async () => {
  await browser?.deleteSession();
});

step('the installed app starts on an empty store and loads the demo', async () => {
  assert.ok(APP.startsWith('/usr/'), `runs the installed binary (${APP})`);
  browser = await openApp(join(scratch('installed'), 'store.sqlite3'));
  await shown(browser, '#first-author', 30000);
  await firstStart(browser, { author: 'Claire Dubois', device: 'Portable installé', role: 'expert' });
  await click(browser, '#load-demo');
  await shown(browser, '#missions-table tbody tr', 30000);
}, () => browser);
