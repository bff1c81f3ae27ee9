// What every scenario needs: the app in a WebDriver session on a store of
// its own, the file "picked" in the system dialog, the CLI to read what the
// store holds, and screenshots for docs/screenshots.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { remote } from 'webdriverio';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
// The release build the installers ship (scripts/package.sh makes it);
// BINOME_APP names another, a debug build or the installed one.
export const APP = process.env.BINOME_APP ?? join(TARGET, 'release', 'binome-desktop');
export const CLI = process.env.BINOME_CLI ?? join(TARGET, 'debug', 'binome');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
const SHOTS = join(ROOT, 'docs', 'screenshots');

/** The file the app's dialogs "return" (see src-tauri/src/commands/files.rs). */
const PICK = process.env.BINOME_E2E_PICK;
if (!PICK) throw new Error('BINOME_E2E_PICK is not set: run the e2e tests with tests/e2e/run.sh');

export function scratch(name) {
  return mkdtempSync(join(tmpdir(), `binome-e2e-${name}-`));
}

/** The next file dialog answers `path` (or is cancelled with null). */
export function answerNextDialog(path) {
  writeFileSync(PICK, path ?? '');
}

/** What every store of the scenarios is locked with (the CLI reads it too). */
export const PASSPHRASE = 'la case de Mme Acta';
process.env.BINOME_PASSPHRASE = PASSPHRASE;

/**
 * Types the passphrase on the lock screen (twice for a new store) and
 * waits for what comes after it: the first start or the app itself.
 */
export async function unlock(browser, passphrase = PASSPHRASE) {
  await type(browser, '#lock-passphrase', passphrase);
  if (await (await browser.$('#lock-again')).isExisting()) await type(browser, '#lock-again', passphrase);
  await click(browser, 'main.lock form button[type="submit"]');
  await browser.waitUntil(async () => !(await (await browser.$('main.lock')).isExisting()), {
    timeout: 20000,
    timeoutMsg: 'the lock screen never went'
  });
}

/**
 * Opens the app on `storePath`, unlocked unless `{ locked: true }`;
 * `{ second: true }` through the second driver (a second window beside
 * the first), `args` more arguments for the app.
 */
export async function openApp(storePath, { locked = false, second = false, args = [] } = {}) {
  const port = second ? process.env.BINOME_E2E_PORT2 : process.env.BINOME_E2E_PORT;
  // WebKitWebDriver once lost a session it had just opened, right after
  // the window before it closed ("invalid session id" on the first
  // element; the app itself opened the same store at once when tried
  // again): such a session is opened once more, and said so. An app that
  // does not start fails the second time too.
  for (let attempt = 1; ; attempt++) {
    const browser = await remote({
      hostname: '127.0.0.1',
      port: Number(port ?? 4444),
      logLevel: 'error',
      connectionRetryCount: 2,
      capabilities: {
        browserName: 'wry',
        'wdio:enforceWebDriverClassic': true,
        'tauri:options': { application: APP, args: ['--store', storePath, ...args] }
      }
    });
    try {
      await browser.setTimeout({ implicit: 0 });
      await browser.setWindowSize(1366, 768).catch(() => {});
      if (!locked) await unlock(browser);
      return browser;
    } catch (error) {
      if (attempt > 1 || !/invalid session id/.test(String(error))) throw error;
      console.log(`the driver lost the session it opened on ${storePath}; opening it again`);
      await browser.deleteSession().catch(() => {});
    }
  }
}

/**
 * One app window at a time, moved from laptop to laptop (a store each):
 * the function returned closes the window and opens the app on the store
 * given, handing the new window to `opened`; the last one closes after
 * the file's steps.
 */
export function laptopSwitcher(opened) {
  let current;
  after(async () => {
    await current?.deleteSession();
  });
  return async (store) => {
    await current?.deleteSession();
    current = await openApp(store);
    opened(current);
  };
}

/** Reads the store with the CLI, as JSON. */
export function cli(storePath, ...args) {
  const out = execFileSync(CLI, ['--db', storePath, '--json', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'fr_FR.UTF-8' }
  });
  if (!out.trim()) return null;
  try {
    return JSON.parse(out);
  } catch {
    // Every command prints JSON with --json; anything else is handed back
    // as it was said, for the assertion to show.
    return out.trim();
  }
}

export async function screenshot(browser, name) {
  mkdirSync(SHOTS, { recursive: true });
  await browser.pause(300);
  await browser.saveScreenshot(join(SHOTS, `${name}.png`));
}

/** Waits until `selector` shows and returns it. */
export async function shown(browser, selector, timeout = 10000) {
  const element = await browser.$(selector);
  await element.waitForDisplayed({ timeout });
  return element;
}

export async function click(browser, selector) {
  const element = await shown(browser, selector);
  await element.click();
  return element;
}

/** Types into an input after clearing it. */
export async function type(browser, selector, text) {
  const element = await shown(browser, selector);
  await element.clearValue();
  await element.setValue(text);
  return element;
}

/** Chooses the option whose text contains `text` in a select. */
export async function choose(browser, selector, text) {
  const element = await shown(browser, selector);
  await element.selectByVisibleText(text).catch(async () => {
    const options = await element.$$('option');
    for (const option of options) {
      if ((await option.getText()).includes(text)) {
        await element.selectByAttribute('value', await option.getAttribute('value'));
        return;
      }
    }
    throw new Error(`no option containing ${text} in ${selector}`);
  });
}

export async function textOf(browser, selector) {
  return (await shown(browser, selector)).getText();
}

export async function waitForText(browser, selector, expected, timeout = 10000) {
  await browser.waitUntil(
    async () => {
      const element = await browser.$(selector);
      return (await element.isExisting()) && (await element.getText()).includes(expected);
    },
    { timeout, timeoutMsg: `${selector} never showed "${expected}"` }
  );
}

/** First start: identity of the laptop. */
export async function firstStart(browser, { author, device, role }) {
  await type(browser, '#first-author', author);
  await type(browser, '#first-name', device);
  await click(browser, `input[name="role"][value="${role}"]`);
  await click(browser, 'form button[type="submit"]');
  await shown(browser, 'nav');
}

/** Opens a screen by its path, as a reload of the window would. The app
 * must have started first: a navigation during its own start is lost. */
export async function go(browser, path) {
  await shown(browser, 'nav', 20000);
  const arrived = () => browser.execute(() => window.location.pathname);
  for (let attempt = 0; attempt < 3 && (await arrived()) !== path; attempt += 1) {
    await browser.execute((p) => window.location.assign(p), path);
    await browser.waitUntil(async () => (await arrived()) === path, { timeout: 8000 }).catch(() => {});
  }
  assert.equal(await arrived(), path, `the app opened ${path}`);
  await shown(browser, 'nav', 20000);
}

/** A scenario step; on failure, a screenshot of what the app showed. */
export function step(name, body, currentBrowser) {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      const browser = currentBrowser();
      const dir = process.env.BINOME_E2E_FAILURES ?? tmpdir();
      const file = join(dir, `failure-${name.replace(/[^\w]+/g, '-').slice(0, 60)}.png`);
      await browser?.saveScreenshot(file).catch(() => {});
      console.error(`screenshot of the failure: ${file}`);
      throw error;
    }
  });
}

/** The store's canonical dump (JSON lines), to compare before and after. */
export function dump(storePath) {
  return execFileSync(CLI, ['--db', storePath, 'dump'], { encoding: 'utf8' });
}

/** Exports a bundle from the sync screen, for the laptop named `recipientName`
 * (or for nobody: an introduction). */
export async function exportTo(browser, path, recipientName) {
  await go(browser, '/sync');
  await shown(browser, '#export-bundle');
  if (recipientName) {
    // The list comes with the screen's first load.
    await browser.waitUntil(async () => (await textOf(browser, '.recipients')).includes(recipientName), {
      timeout: 10000,
      timeoutMsg: `${recipientName} is not among the recipients`
    });
    const labels = await browser.$$('.recipients label');
    for (const label of labels) {
      if ((await label.getText()).includes(recipientName)) await label.$('input').click();
    }
  }
  answerNextDialog(path);
  await click(browser, '#export-bundle');
  await shown(browser, '#export-done');
}

/** Picks a bundle on the sync screen and waits for its preview (or error). */
export async function previewBundle(browser, path) {
  await go(browser, '/sync');
  answerNextDialog(path);
  await click(browser, '#choose-bundle');
  await shown(browser, '#bundle-preview, #bundle-error');
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the screen shown; fails on any serious or critical
 * violation, naming the rule and the elements. */
export async function assertAccessible(browser, screen) {
  if (!(await browser.execute(() => Boolean(window.axe)))) await browser.execute(`${AXE}\n;return true;`);
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) =>
        done(
          r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
        )
      )
      .catch((e) => done([`axe failed: ${e}`]));
  });
  assert.deepEqual(violations, [], `accessibility of ${screen}`);
  const overflow = await browser.execute(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${screen} scrolls sideways by ${overflow}px at 1366×768`);
}

/** A figure as the app prints it (12,5 · 1 234 · 87,5 %) as a number; null for "—". */
export function shownNumber(text) {
  const clean = text.replace(/[\s\u202f\u00a0%]/g, '').replace(',', '.');
  return clean === '—' || clean === '' ? null : Number(clean);
}

/** Compares a figure shown with the CLI's raw value at the precision shown. */
export function assertSameFigure(shownText, raw, name, where = '') {
  const shownValue = shownNumber(shownText);
  const what = `${name}${where}`;
  if (raw === null || raw === undefined) {
    assert.equal(shownValue, null, `${what}: the CLI has none, the app shows ${shownText}`);
    return;
  }
  const expected = name.endsWith('_rate') ? raw * 100 : raw;
  const digits = ['sessions', 'persons_trained', 'scored_pairs', 'competency_pairs', 'missions', 'expert_days'].includes(name) ? 0 : 1;
  assert.equal(shownValue, Number(expected.toFixed(digits)), `${what}: the app shows ${shownText}, the CLI ${raw}`);
}
