// An expert's mission day, in French: first start with demo data, a new
// mission, a participant list from French Excel (a bad file first), a
// session logged, its attendance by keyboard only, pre/post scores.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import {
  step,
  dump,
  FIXTURES,
  answerNextDialog,
  assertAccessible,
  choose,
  cli,
  click,
  firstStart,
  go,
  openApp,
  screenshot,
  scratch,
  shown,
  textOf,
  type,
  unlock,
  waitForText,
  PASSPHRASE
} from './support.mjs';

const store = join(scratch('day'), 'binome.sqlite3');
let browser;
/** The DHIS2 mapping template the exports screen wrote. */
let templatePath;

before(async () => {
  browser = await openApp(store, { locked: true });
});

step('a new laptop chooses its passphrase first; the store is encrypted under it', async () => {
  assert.match(await textOf(browser, 'h1'), /Protéger ce magasin/);
  await type(browser, '#lock-passphrase', 'court');
  await type(browser, '#lock-again', 'court');
  await click(browser, 'main.lock form button[type="submit"]');
  assert.equal(await (await shown(browser, 'main.lock [role="alert"]')).getAttribute('data-code'), 'passphrase-too-short');
  await type(browser, '#lock-passphrase', PASSPHRASE);
  await type(browser, '#lock-again', `${PASSPHRASE}!`);
  await click(browser, 'main.lock form button[type="submit"]');
  await browser.waitUntil(
    async () => (await (await browser.$('main.lock [role="alert"]')).getAttribute('data-code')) === 'passphrases-differ',
    { timeout: 5000, timeoutMsg: 'two different passphrases were not refused' }
  );
  await screenshot(browser, '00-phrase-de-passe');
  await unlock(browser);
  await shown(browser, '#first-author');
  assert.ok(existsSync(`${store}.cle`), 'the key file is beside the store');
  // The app the installers ship stretches the passphrase at the costs
  // benches/README.md measured, whatever a test build does.
  const { passphrase: seal } = JSON.parse(readFileSync(`${store}.cle`, 'utf8'));
  assert.deepEqual([seal.kdf, seal.memory_kib, seal.passes], ['argon2id', 64 * 1024, 3]);
  const header = readFileSync(store).subarray(0, 15).toString('latin1');
  assert.notEqual(header, 'SQLite format 3', 'the store file is not plain SQLite');
}, () => browser);

after(async () => {
  await browser?.deleteSession();
});

step('first start creates the identity and loads the demo data', async () => {
  await shown(browser, '#first-author');
  assert.match(await textOf(browser, 'h1'), /Bienvenue dans Binôme/);
  await screenshot(browser, '01-premier-demarrage');
  await firstStart(browser, { author: 'Claire Dubois', device: 'Portable de Claire', role: 'expert' });
  const fingerprint = await textOf(browser, '#own-fingerprint');
  assert.match(fingerprint, /\S{4}/, 'the fingerprint is shown');
  assert.equal(cli(store, 'device', 'show').name, 'Portable de Claire');
  await click(browser, '#load-demo');
  await shown(browser, '#missions-table tbody tr');
  const rows = await browser.$$('#missions-table tbody tr');
  assert.ok(rows.length >= 1);
  assert.ok(cli(store, 'mission', 'list').length >= 1, 'the store holds the demo mission');
  await screenshot(browser, '02-missions');
}, () => browser);

step('a mission is created; every missing field is marked at once', async () => {
  await click(browser, '#new-mission');
  await shown(browser, '#field-code');
  await click(browser, 'form.record-form button[type="submit"]');
  await shown(browser, '.record-form .error');
  const invalid = await browser.$$('.record-form [aria-invalid="true"]');
  assert.ok(invalid.length >= 5, `every required field is marked (${invalid.length})`);
  assert.match(await textOf(browser, '#problem-code'), /obligatoire/);
  await screenshot(browser, '03-mission-erreurs');

  await choose(browser, '#field-programme_id', 'PASST2');
  await type(browser, '#field-code', 'MOU-2026-11');
  await type(browser, '#field-title', 'Urgences obstétricales à Moundou');
  await choose(browser, '#field-host_org_id', "Hôpital de la Mère et de l'Enfant");
  await type(browser, '#field-city', 'Moundou');
  await type(browser, '#field-start_date', '16/11/2026');
  await type(browser, '#field-end_date', '27/11/2026');
  await click(browser, 'form.record-form button[type="submit"]');
  await waitForText(browser, 'h1', 'MOU-2026-11');
  const mission = cli(store, 'mission', 'show', 'MOU-2026-11');
  assert.equal(mission.data.start_date, '2026-11-16');
  assert.equal(mission.data.city, 'Moundou');
}, () => browser);

step('a participant list is previewed with its errors, then imported', async () => {
  await click(browser, '#tab-participants');
  await click(browser, '#show-import');
  answerNextDialog(join(FIXTURES, 'participants-broken.csv'));
  await click(browser, '#import-choose');
  // Unknown values come first, grouped, each to answer once.
  assert.match(await textOf(browser, '#import-values'), /Astronaute/);
  await click(browser, '#import-step-preview');
  await shown(browser, '#import-preview');
  assert.match(await textOf(browser, '#import-summary'), /en erreur/);
  assert.match(await textOf(browser, '#import-preview'), /Astronaute/);
  assert.equal(await (await browser.$('#import-confirm')).isEnabled(), false, 'import refused while rows are in error');
  const problems = await browser.$$('#import-preview .problem');
  assert.ok(problems.length >= 3, 'every bad row explains itself');
  await screenshot(browser, '04-import-erreurs');
  assert.equal(cli(store, 'enrolment', 'list', '--mission', 'MOU-2026-11').length, 0, 'nothing written');

  // A host hospital's template: the sheet of its drop-down lists is hidden
  // and passed over, each service merged down stands on every row, and the
  // total and signatures under the list are shown as left out.
  answerNextDialog(join(FIXTURES, 'participants-merged.xlsx'));
  await click(browser, '#import-choose');
  await waitForText(browser, '#import-summary', 'prêtes');
  assert.equal(await (await browser.$('#import-sheet')).getValue(), 'Participants');
  assert.match(await textOf(browser, '#import-lines-left-out'), /11 « Total : 5 participants »[\s\S]*Fait à Moundou/);
  const template = await textOf(browser, '#import-preview');
  assert.equal(template.match(/Maternité/g)?.length, 3, template);
  assert.doesNotMatch(template, /Total|Fait à|formateur/);

  // A list filtered in Excel: the rows it hides are not the list the
  // person sees; they are named, left out, and read when asked.
  answerNextDialog(join(FIXTURES, 'participants-hidden.xlsx'));
  await click(browser, '#import-choose');
  await waitForText(browser, '#import-summary', 'prêtes');
  assert.match(await textOf(browser, '#import-hidden-lines'), /3 « NGARMBAYE »[\s\S]*6 « KOULAMALLAH »[\s\S]*non importées/);
  assert.doesNotMatch(await textOf(browser, '#import-preview'), /NGARMBAYE|DJIMADOUM|KOULAMALLAH/);
  await click(browser, '#import-hidden-rows');
  await waitForText(browser, '#import-preview', 'KOULAMALLAH');
  assert.match(await textOf(browser, '#import-preview'), /NGARMBAYE[\s\S]*DJIMADOUM/);
  assert.equal((await browser.$$('#import-preview tr.hidden-row')).length, 3, 'the rows read from hiding are marked');
  assert.doesNotMatch(await textOf(browser, '#import-hidden-lines'), /non importées/);
  await screenshot(browser, '04-import-lignes-masquees');

  answerNextDialog(join(FIXTURES, 'participants-excel-fr.csv'));
  await click(browser, '#import-choose');
  await waitForText(browser, '#import-summary', 'prêtes');
  await click(browser, '#import-confirm');
  await shown(browser, '#import-done');
  await waitForText(browser, '#participants-table', 'MAHAMAT');
  const enrolled = cli(store, 'enrolment', 'list', '--mission', 'MOU-2026-11');
  assert.ok(enrolled.length >= 4, `participants enrolled (${enrolled.length})`);
  await screenshot(browser, '05-participants');
}, () => browser);

step('a host hospital\'s own list imports with a few choices, and the next time with none', async () => {
  answerNextDialog(join(FIXTURES, 'participants-moundou.xlsx'));
  await click(browser, '#import-choose');
  // The title row is skipped, every column accounted for.
  assert.match(await textOf(browser, '#import-source'), /ligne 3/);
  assert.match(await textOf(browser, '#import-left-out'), /Date de naissance/);
  const groups = await textOf(browser, '#import-values');
  // The local titles are not the programme's yet; the acronym of the
  // host hospital needs no question.
  for (const title of [/SFDE/, /ATS/, /Matrone/, /Infirmière diplômée d'État/, /Centre de santé de Doyaba/]) {
    assert.match(groups, title);
  }
  assert.doesNotMatch(groups, /HME/, 'the acronym of a known facility needs no question');
  await assertAccessible(browser, 'import wizard, values');
  await click(browser, '#import-step-columns');
  const columns = await textOf(browser, '#import-columns');
  assert.match(columns, /Prénom\(s\)/);
  assert.match(columns, /Date de naissance/);
  await assertAccessible(browser, 'import wizard, columns');
  await click(browser, '#import-step-values');
  // Three titles become the programme's, in the category each title
  // says (proposed, as the person reads it); the matrone is mapped to the
  // common list instead.
  for (const title of ['SFDE', 'ATS', "Infirmière diplômée d'État"]) {
    await choose(browser, `select[aria-label="Fonction « ${title} »"]`, 'Ajouter ce titre au programme');
  }
  const category = await browser.$('select[aria-label="Catégorie (CITP-08) « ATS »"]');
  assert.equal(await category.getValue(), '3221', 'ATS is a nursing associate');
  await choose(browser, 'select[aria-label="Fonction « Matrone »"]', 'Autre');
  await choose(browser, 'select[aria-label="Structure « Centre de santé de Doyaba »"]', 'Créer cette structure');
  await type(browser, 'input[aria-label="Ville « Centre de santé de Doyaba »"]', 'Moundou');
  await assertAccessible(browser, 'import wizard, values answered');
  await screenshot(browser, '05b-import-valeurs');
  await click(browser, '#import-next');
  await waitForText(browser, '#import-summary', 'prêtes');
  const summary = await textOf(browser, '#import-summary');
  assert.match(summary, /Centre de santé de Doyaba/);
  assert.match(summary, /SFDE/);
  await click(browser, '#import-confirm');
  await shown(browser, '#import-done');
  const professions = cli(store, 'profession', 'list');
  const ats = professions.find((p) => p.data.title === 'ATS');
  assert.equal(ats.data.category, '3221');
  assert.deepEqual(professions.map((p) => p.data.title).sort(), ['ATS', "Infirmière diplômée d'État", 'SFDE']);
  const people = cli(store, 'person', 'list');
  const abakar = people.find((p) => p.data.family_name === 'ABAKAR' && p.data.given_names === 'Hissène');
  assert.equal(abakar.data.profession_id, ats.id, 'the local title is kept');
  assert.equal(abakar.data.phone, '+235 99 00 11 22');
  const doyaba = cli(store, 'organisation', 'list').find((o) => o.data.name === 'Centre de santé de Doyaba');
  assert.equal(doyaba.data.level, 'health_centre');
  assert.equal(doyaba.data.city, 'Moundou');
  const djimadoum = people.find((p) => p.data.family_name === 'DJIMADOUM');
  assert.equal(djimadoum.data.organisation_id, doyaba.id);

  // The same list again, as Excel's CSV: no question, straight to the rows.
  answerNextDialog(join(FIXTURES, 'participants-moundou-excel.csv'));
  await click(browser, '#import-choose');
  await waitForText(browser, '#import-summary', 'prêtes');
  assert.equal(await (await browser.$('#import-values')).isExisting(), false, 'nothing to answer');
  await click(browser, '#import-confirm');
  await shown(browser, '#import-done');
}, () => browser);

step('a script in the page cannot make the app read or write a file nobody chose', async () => {
  const secret = join(scratch('secret'), 'id_ed25519');
  writeFileSync(secret, 'Nom;Prénom\nCLEF;PRIVÉE\n');
  const target = join(scratch('secret'), 'bashrc');
  const call = (command, args) =>
    browser.executeAsync(
      (command, args, done) => window.__TAURI_INTERNALS__.invoke(command, args).then(() => done('done'), (e) => done(e.code)),
      command,
      args,
    );
  const request = { kind: 'participants', path: secret, mission_id: null, sheet: null, choices: { columns: [], values: [] } };
  assert.equal(await call('preview_import', { request }), 'path-not-chosen');
  assert.equal(await call('preview_bundle', { path: secret }), 'path-not-chosen');
  assert.equal(await call('dhis2_template', { path: target }), 'path-not-chosen');
  assert.equal(existsSync(target), false, 'nothing written where nobody chose');
}, () => browser);

step('a script in the page cannot slip a value outside a closed list past the backend', async () => {
  // Tauri refuses arguments that do not deserialise with a plain message;
  // the backend's own refusals carry a code.
  const call = (command, args) =>
    browser.executeAsync(
      (command, args, done) =>
        window.__TAURI_INTERNALS__.invoke(command, args).then(
          () => done('done'),
          (e) => done(e && e.code ? e.code : 'invalid-args'),
        ),
      command,
      args,
    );
  const scopeText = { programme: null, mission: null, from: null, to: null };
  assert.equal(await call('indicators', { scopeText, by: 'sex' }), 'done');
  // An unknown breakdown was once ignored, answering the total as if split.
  assert.equal(await call('indicators', { scopeText, by: 'colour' }), 'invalid-args');
  const target = join(scratch('closed-lists'), 'table.csv');
  const request = { table: 'colour', by: null, french_excel: true, pseudonymise: false, disclosure: 'small-groups-hidden' };
  assert.equal(await call('export_csv', { scopeText, request, path: target }), 'invalid-args');
  // The same request with values from the lists reaches the backend (which
  // then refuses the path nobody chose): the refusals above are the values'.
  const valid = { ...request, table: 'indicators' };
  assert.equal(await call('export_csv', { scopeText, request: valid, path: target }), 'path-not-chosen');
  const everything = { ...request, table: 'indicators', disclosure: 'everything' };
  assert.equal(await call('export_csv', { scopeText, request: everything, path: target }), 'invalid-args');
  assert.equal(await call('save_import_template', { kind: 'colour', path: target }), 'invalid-args');
  assert.equal(await call('pick_file', { purpose: 'colour' }), 'invalid-args');
  assert.equal(existsSync(target), false);
}, () => browser);

step('an import made by mistake is undone from the backups screen, and the undoing undone', async () => {
  const from = await browser.execute(() => window.location.pathname);
  // What only the host hospital's workbook brought: its local titles and
  // the health centre it created.
  const brought = () => ({
    titles: cli(store, 'profession', 'list').length,
    doyaba: cli(store, 'organisation', 'list').some((o) => o.data.name === 'Centre de santé de Doyaba')
  });
  assert.deepEqual(brought(), { titles: 3, doyaba: true });
  const persons = cli(store, 'person', 'list').length;
  await click(browser, 'nav a[href="/backups"]');
  await shown(browser, '#backups-table tbody tr');
  // Newest first: before the same list again as CSV, then before the
  // host hospital's workbook.
  const rows = await browser.$$('#backups-table tbody tr');
  assert.match(await rows[1].getText(), /Importer des participants/);
  await (await rows[1].$('button.restore')).click();
  await shown(browser, '#restore-confirm');
  assert.deepEqual(brought(), { titles: 3, doyaba: true }, 'nothing restored before the confirmation');
  await assertAccessible(browser, 'backups, restore asked');
  await screenshot(browser, '05c-restaurer');
  await click(browser, '#confirm-restore');
  await shown(browser, '#backups-done');
  assert.deepEqual(brought(), { titles: 0, doyaba: false }, 'the workbook\'s import is undone');

  await waitForText(browser, '#backups-table tbody tr', 'Une restauration');
  await (await browser.$('#backups-table tbody tr button.restore')).click();
  await click(browser, '#confirm-restore');
  await browser.waitUntil(() => brought().titles === 3, { timeout: 10000 });
  assert.deepEqual(brought(), { titles: 3, doyaba: true }, 'restoring the state the restore replaced brings it back');
  assert.equal(cli(store, 'person', 'list').length, persons);
  await go(browser, from);
}, () => browser);

step('a session is logged and its attendance taken by keyboard only', async () => {
  await click(browser, '#tab-sessions');
  await click(browser, '#plan-session');
  await type(browser, '#field-title', 'Réanimation du nouveau-né');
  await choose(browser, '#field-modality', 'Atelier pratique');
  await type(browser, '#field-date', '18/11/2026');
  await type(browser, '#field-start_time', '08:30');
  await type(browser, '#field-duration', '3h');
  await click(browser, 'form.record-form button[type="submit"]');
  await waitForText(browser, '#session-title', 'Réanimation du nouveau-né');
  await shown(browser, '#roster [role="row"]');

  // Keyboard only: Tab to "everyone present", Enter, then exceptions.
  const allPresent = await browser.$('#all-present');
  await allPresent.waitForEnabled();
  await browser.execute(() => document.activeElement?.blur?.());
  await browser.execute(() => document.getElementById('all-present')?.focus());
  await browser.keys('Enter');
  await waitForText(browser, '#roster-count', 'présent');
  const total = (await browser.$$('#roster [role="row"]')).length;
  await browser.waitUntil(async () => (await browser.$$('#roster [role="row"][data-status="present"]')).length === total, {
    timeout: 15000
  });
  // Focus is on the first row after "everyone present".
  await browser.keys('ArrowDown');
  await browser.keys('a');
  await browser.keys('r');
  await browser.waitUntil(
    async () => (await browser.$$('#roster [role="row"][data-saved="yes"][data-status="absent"]')).length === 1 &&
      (await browser.$$('#roster [role="row"][data-saved="yes"][data-status="late"]')).length === 1,
    { timeout: 15000, timeoutMsg: 'the second row is absent and the third late, both saved' }
  );
  await screenshot(browser, '06-presences');
  const session = cli(store, 'session', 'list', '--mission', 'MOU-2026-11').find((s) => s.data.title === 'Réanimation du nouveau-né');
  assert.ok(session, 'the session is stored');
  assert.equal(session.data.duration, 180);
  const marks = cli(store, 'attendance', 'list', '--session', session.id);
  assert.equal(marks.length, total);
  const statuses = marks.map((m) => m.data.status).sort();
  assert.equal(statuses.filter((s) => s === 'absent').length, 1);
  assert.equal(statuses.filter((s) => s === 'late').length, 1);
  assert.equal(statuses.filter((s) => s === 'present').length, total - 2);
}, () => browser);

step('pre and post scores give each gain and the average', async () => {
  await click(browser, '#tab-scores');
  await type(browser, '#score-max', '20');
  // Typed as the host hospital's sheet gives it: 40 % of 20 is 8 points.
  await type(browser, '#score-pre-0', '40 %');
  await browser.keys('Enter');
  await type(browser, '#score-post-0', '16');
  await browser.keys('Enter');
  await type(browser, '#score-pre-1', '10');
  await type(browser, '#score-post-1', '13,5');
  await browser.keys('Enter');
  await waitForText(browser, '#average-gain', '+');
  // (16-8)/20 = +40 pts; (13.5-10)/20 = +17.5 pts; average +28.8 pts.
  assert.match(await textOf(browser, '#scores-table tbody tr:nth-child(1) .gain'), /\+40 pts/);
  assert.match(await textOf(browser, '#scores-table tbody tr:nth-child(2) .gain'), /\+17,5 pts/);
  assert.match(await textOf(browser, '#average-gain'), /\+28,8 pts/);
  await browser.waitUntil(async () => (await browser.$('#score-pre-0').getValue()) === '8', {
    timeout: 5000,
    timeoutMsg: 'the percentage shows as its points once saved',
  });
  await type(browser, '#score-pre-2', '25');
  await browser.keys('Tab');
  await waitForText(browser, '#scores-table', 'dépasse la note maximale');
  await screenshot(browser, '07-tests');
  const session = cli(store, 'session', 'list', '--mission', 'MOU-2026-11')[0];
  const scores = cli(store, 'score', 'list', '--session', session.id);
  assert.equal(scores.length, 4, 'four scores stored, the refused one not');
}, () => browser);

step('the attendance sheet and the mission report are printed from their screens', async () => {
  const dir = scratch('print');
  const sheet = join(dir, 'emargement.pdf');
  answerNextDialog(sheet);
  await click(browser, '#print-sheet');
  await shown(browser, '#printed');
  const sheetText = execFileSync('pdftotext', ['-layout', sheet, '-'], { encoding: 'utf8' });
  assert.match(sheetText, /Feuille d'émargement/);
  assert.match(sheetText, /Réanimation du nouveau-né/);
  assert.match(sheetText, /MAHAMAT/);

  await click(browser, '.crumbs a:nth-of-type(2)');
  await shown(browser, '#print-report');
  const report = join(dir, 'bilan.pdf');
  answerNextDialog(report);
  await click(browser, '#print-report');
  await waitForText(browser, '#written', 'bilan.pdf');
  assert.match(execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' }), /Bilan de mission — MOU-2026-11/);
  await screenshot(browser, '12-mission-documents');
  // Back to the session for the next steps.
  await click(browser, '#tab-sessions');
  await click(browser, '#sessions-table tbody a');
  await shown(browser, '#roster');
}, () => browser);

step('sixty ticks in a row are each saved (the figure for benches/README.md)', async () => {
  await click(browser, '#tab-attendance');
  await browser.execute(() => {
    window.__binomeTickTimes = [];
    document.querySelector('#roster [role="row"]')?.focus();
  });
  const rows = (await browser.$$('#roster [role="row"]')).length;
  for (let i = 0; i < 60; i += 1) {
    // P marks present and moves down; at the last row, back to the top.
    await browser.keys(i % 2 === 0 ? 'p' : 'a');
    if ((i + 1) % rows === 0) await browser.keys('Home');
  }
  await browser.waitUntil(async () => (await browser.execute(() => window.__binomeTickTimes.length)) === 60, {
    timeout: 20000,
    timeoutMsg: 'every tick was saved'
  });
  const inOrder = await browser.execute(() => window.__binomeTickTimes);
  const times = [...inOrder].sort((a, b) => a - b);
  const p95 = times[Math.ceil(0.95 * times.length) - 1];
  console.log(`attendance tick persisted: p95 ${p95.toFixed(1)} ms, median ${times[30].toFixed(1)} ms over 60 ticks`);
  // Which ticks were slow, by their place in the sequence: the first ones
  // (a cold start) and evenly spaced ones (a WAL checkpoint) differ.
  const slowest = inOrder
    .map((ms, place) => ({ ms, place: place + 1 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  console.log(`slowest ticks (place: ms): ${slowest.map((t) => `${t.place}: ${t.ms.toFixed(0)}`).join(', ')}`);
  assert.equal((await browser.$$('#roster [role="row"][data-saved="no"]')).length, 0, 'no tick left unsaved');
}, () => browser);

step('the language switches to English, is remembered, and switches back', async () => {
  const select = await shown(browser, '#lang-switch');
  await select.selectByAttribute('value', 'en');
  await waitForText(browser, 'nav', 'People');
  assert.match(await textOf(browser, '#tab-attendance'), /Attendance/);
  await browser.refresh();
  await waitForText(browser, 'nav', 'People');
  await (await shown(browser, '#lang-switch')).selectByAttribute('value', 'fr');
  await waitForText(browser, 'nav', 'Personnes');
}, () => browser);

step('the exports screen writes the donor workbook, and refuses an unmapped DHIS2 file by name', async () => {
  const dir = scratch('exports');
  await click(browser, 'nav a[href="/exports"]');
  const workbook = join(dir, 'bailleur.xlsx');
  assert.equal(await (await shown(browser, '#exact-figures')).isSelected(), false, 'small groups hidden unless asked');
  answerNextDialog(workbook);
  await click(browser, '#export-donor-workbook');
  await waitForText(browser, '#export-written', 'bailleur.xlsx');
  assert.equal(readFileSync(workbook).subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');

  const mapping = join(dir, 'correspondance.json');
  templatePath = mapping;
  answerNextDialog(mapping);
  await click(browser, '#dhis2-template');
  await waitForText(browser, '#export-written', 'correspondance.json');
  assert.equal(JSON.parse(readFileSync(mapping, 'utf8')).format, 'binome-dhis2-mapping/1');
  answerNextDialog(mapping);
  await click(browser, '#dhis2-mapping');
  await type(browser, '#dhis2-period', '2026Q4');
  const values = join(dir, 'valeurs.json');
  answerNextDialog(values);
  await click(browser, '#dhis2-export');
  await shown(browser, '#export-error');
  assert.match(await textOf(browser, '#export-error'), /Export DHIS2 refusé, rien n'a été écrit/);
  assert.match(await textOf(browser, '#export-error'), /Hôpital de la Mère et de l'Enfant/);
  assert.equal(existsSync(values), false, 'no partial file');
  await screenshot(browser, '13-exports');
}, () => browser);

step('DHIS2 values are sent from the app: a dry run, then the import once asked', async () => {
  const received = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url, 'http://localhost');
      const signedIn = request.headers.authorization === `Basic ${Buffer.from('admin:district').toString('base64')}`;
      if (!signedIn || url.pathname !== '/api/dataValueSets' || request.method !== 'POST') {
        response.writeHead(signedIn ? 404 : 401, { 'Content-Type': 'application/json' });
        response.end('{"status":"ERROR"}');
        return;
      }
      const values = JSON.parse(body).dataValues;
      received.push({ dryRun: url.searchParams.get('dryRun') === 'true', values: values.length });
      const summary = { status: 'SUCCESS', importCount: { imported: values.length, updated: 0, ignored: 0, deleted: 0 }, conflicts: [] };
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ httpStatus: 'OK', httpStatusCode: 200, status: 'OK', response: summary }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const dir = scratch('dhis2');
    const mapping = JSON.parse(readFileSync(templatePath, 'utf8'));
    mapping.org_units.forEach((o, i) => (o.org_unit = `O${String(i).padStart(10, '0')}`));
    mapping.figures.forEach((f, i) => {
      f.data_element = `D${String(Math.floor(i / 3)).padStart(10, '0')}`;
      f.category_option_combo = `C${String(i % 3).padStart(10, '0')}`;
    });
    const filled = join(dir, 'filled.json');
    writeFileSync(filled, JSON.stringify(mapping));
    answerNextDialog(filled);
    await click(browser, '#dhis2-mapping');
    await type(browser, '#dhis2-period', '2026Q4');
    await type(browser, '#dhis2-server', `http://127.0.0.1:${server.address().port}`);
    await type(browser, '#dhis2-user', 'admin');
    await type(browser, '#dhis2-password', 'district');
    assert.equal(await (await browser.$('#dhis2-import')).isEnabled(), false, 'no import before a dry run');
    await click(browser, '#dhis2-dry-run');
    await waitForText(browser, '#dhis2-summary', 'Essai à blanc');
    assert.match(await textOf(browser, '#dhis2-summary'), /SUCCESS/);
    await (await browser.$('#dhis2-import')).waitForEnabled();
    await screenshot(browser, '14-dhis2');
    await click(browser, '#dhis2-import');
    await waitForText(browser, '#dhis2-summary', 'Import terminé');
    assert.deepEqual(received.map((r) => r.dryRun), [true, false]);
    assert.ok(received[0].values > 0 && received[0].values === received[1].values);
  } finally {
    server.close();
  }
}, () => browser);

step('a person typed twice is suggested as a duplicate and merged, the merge kept as a record', async () => {
  await click(browser, 'nav a[href="/participants"]');
  // The imported list has MAHAMAT Zénaba, +235 66 12 34 56.
  await click(browser, '#new-person');
  await type(browser, 'aside #field-family_name', 'Mahammat');
  await type(browser, 'aside #field-given_names', 'Zenaba');
  await type(browser, 'aside #field-phone', '66 12 34 56');
  await click(browser, 'aside form.record-form button[type="submit"]');
  await shown(browser, 'aside .saved');
  await click(browser, '#find-duplicates');
  await shown(browser, '#duplicates-table tbody tr');
  const pair = await textOf(browser, '#duplicates-table tbody tr');
  assert.match(pair, /MAHAMAT Zénaba/);
  assert.match(pair, /Mahammat Zenaba|MAHAMMAT Zenaba/i);
  await screenshot(browser, '15-doublons');
  await click(browser, '#duplicates-table tbody tr button');
  await waitForText(browser, 'section[aria-labelledby="duplicates-title"]', 'Fusion enregistrée');
  const merges = cli(store, 'person-merge', 'list');
  assert.equal(merges.length, 1, 'one merge recorded, nobody deleted');
  const both = cli(store, 'person', 'list').filter((p) => /mahamm?at/i.test(p.data.family_name));
  assert.equal(both.length, 2, 'both records kept');
  // "Keep the first" keeps the one the row names first, and merges the other into it.
  const typedFirst = pair.search(/Mahammat/i) < pair.indexOf('MAHAMAT Zénaba');
  const typed = both.find((p) => /^mahammat$/i.test(p.data.family_name));
  const imported = both.find((p) => p !== typed);
  const [kept, merged] = typedFirst ? [typed, imported] : [imported, typed];
  assert.deepEqual([merges[0].data.kept_id, merges[0].data.merged_id], [kept.id, merged.id]);
}, () => browser);

step('the programme\'s professions are listed with their category and corrected there', async () => {
  await go(browser, '/programmes/professions');
  await waitForText(browser, '#profession-table', 'SFDE');
  const table = await textOf(browser, '#profession-table');
  // The three titles the Moundou list added, each in its ISCO-08 category.
  assert.match(table, /ATS[\s\S]*3221/);
  assert.match(table, /SFDE[\s\S]*2222/);
  await assertAccessible(browser, 'professions of the programmes');
  // The expert learns that in this hospital "ATS" are nursing aides.
  const rows = await browser.$$('#profession-table tbody tr');
  let ats = null;
  for (const row of rows) if ((await row.getText()).startsWith('ATS')) ats = row;
  await (await ats.$('button')).click();
  await choose(browser, 'aside #field-category', '5321');
  await click(browser, 'aside form.record-form button[type="submit"]');
  await shown(browser, 'aside .saved');
  const saved = cli(store, 'profession', 'list').find((p) => p.data.title === 'ATS');
  assert.equal(saved.data.category, '5321', 'the category is the one chosen');
  await waitForText(browser, '#profession-table', '5321');
}, () => browser);

step('locked on demand, the screen asks the passphrase again and refuses a wrong one in French', async () => {
  await go(browser, '/participants');
  await click(browser, 'nav button.lock-now');
  // Locking asks the backend first; the screen changes when it answers.
  await shown(browser, 'main.lock');
  assert.match(await textOf(browser, 'h1'), /Binôme est verrouillé/);
  assert.equal(await (await browser.$('nav')).isExisting(), false, 'nothing of the store shows while locked');
  await type(browser, '#lock-passphrase', 'la case de Mme Achta');
  await click(browser, 'main.lock form button[type="submit"]');
  const refusal = await shown(browser, 'main.lock [role="alert"]');
  assert.equal(await refusal.getAttribute('data-code'), 'wrong-passphrase');
  assert.match(await refusal.getText(), /Phrase de passe incorrecte/);
  await screenshot(browser, '23-verrouille');
  await unlock(browser);
  await shown(browser, 'nav');
  assert.ok(cli(store, 'person', 'list').length > 0, 'the CLI unlocks the same store with the same passphrase');
}, () => browser);
