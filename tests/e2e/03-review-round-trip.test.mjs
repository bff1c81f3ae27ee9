// The quality loop of a mission: the expert rates a competency grid and
// submits a session; the referent, on a laptop of their own, validates one
// session and returns another with a comment; the expert imports the
// referent's bundle and sees both decisions. Then the coordinator's view:
// the dashboard and the mission debrief show the same figures as the CLI.
// Each new screen passes an axe-core check and fits 1366×768.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CLI,
  FIXTURES,
  answerNextDialog,
  assertAccessible,
  assertSameFigure,
  choose,
  cli,
  click,
  exportTo,
  go,
  laptopSwitcher,
  previewBundle,
  screenshot,
  scratch,
  shown,
  step,
  textOf,
  type,
  waitForText
} from './support.mjs';

const dir = scratch('review');
const expertStore = join(dir, 'expert.sqlite3');
const referentStore = join(dir, 'referent.sqlite3');
let browser;
const switchTo = laptopSwitcher((opened) => (browser = opened));

/** Two laptops that trust each other, as after reading fingerprints over the phone. */
function introduce([a, aName], [b, bName]) {
  for (const [from, to, name] of [
    [a, b, aName],
    [b, a, bName]
  ]) {
    const hello = join(dir, `hello-${from === a ? 'a' : 'b'}-${name.length}.binome`);
    cli(from, 'bundle', 'export', '--out', hello);
    cli(to, 'bundle', 'import', hello);
    cli(to, 'devices', 'trust', name);
  }
}

// Setting up the laptops is the sync scenario's subject: here the CLI does
// it (two laptops that trust each other, the demo mission on the expert's).
cli(expertStore, 'init', '--name', 'Portable de Claire', '--author', 'Claire Dubois', '--role', 'expert');
cli(referentStore, 'init', '--name', 'Portable du référent', '--author', 'Abdel Haggar', '--role', 'referent');
introduce([expertStore, 'Portable de Claire'], [referentStore, 'Portable du référent']);
cli(expertStore, 'demo', '--scale', 'mission');

const sessions = cli(expertStore, 'session', 'list').sort((a, b) => a.data.date.localeCompare(b.data.date));
const toValidate = sessions[0];
const draft = sessions.find((s) => s.data.status === 'draft');
const mission = cli(expertStore, 'mission', 'list')[0];

step('the expert rates a competency grid by keyboard and sees the level as it is computed', async () => {
  await switchTo(expertStore);
  await go(browser, `/sessions/${toValidate.id}`);
  await click(browser, '#tab-competencies');
  await shown(browser, '#level-GATPA');
  assert.match(await textOf(browser, '#level-GATPA'), /Pas encore de niveau/);
  const person = await textOf(browser, '#grid-person');

  const first = await shown(browser, '[data-criterion="smni-gatpa-1"]');
  await first.click();
  // 1: not critical, rated "Maîtrisé" (3): the only observed criterion sets the level.
  await browser.keys('3');
  await waitForText(browser, '#level-GATPA', 'Maîtrisé');
  // 2: critical, "Exécuté correctement" (2): now only critical criteria count.
  await browser.keys('2');
  await waitForText(browser, '#level-GATPA', 'Exécuté correctement');
  // 3: critical, "À améliorer" (1): the lowest critical level wins.
  await browser.keys('1');
  await waitForText(browser, '#level-GATPA', 'À améliorer');
  // 4: "not observed" (0) leaves the level as it is.
  await browser.keys('0');
  // The grid shows the fourth rating once its save has answered, with the
  // level that answer computed: it stays the critical criteria's.
  await shown(browser, '[data-criterion="smni-gatpa-4"] [role="radio"][aria-checked="true"]');
  assert.match(await textOf(browser, '#level-GATPA'), /À améliorer/);
  await screenshot(browser, '16-grille-competences');
  await assertAccessible(browser, 'the competency grid');

  const saved = cli(expertStore, 'assessment', 'list').filter(
    (a) => a.data.session_id === toValidate.id && a.data.competency_id === 'smni-gatpa'
  );
  assert.equal(saved.length, 1, 'one assessment for the competency, edited at each key');
  assert.deepEqual(saved[0].data.ratings, {
    'smni-gatpa-1': 'proficient',
    'smni-gatpa-2': 'competent',
    'smni-gatpa-3': 'needs_improvement',
    'smni-gatpa-4': 'not_observed'
  });

  // The person's page shows the new assessment in their progression.
  await go(browser, `/participants/${saved[0].data.person_id}`);
  await shown(browser, '#progression-table');
  assert.match(await textOf(browser, '#person-name'), new RegExp(person.split(' ')[0]));
  assert.match(await textOf(browser, '#progression-table'), /GATPA[\s\S]*À améliorer/);
  await screenshot(browser, '17-progression');
  await assertAccessible(browser, 'a person’s page');
}, () => browser);

step('the expert submits the draft session and sends the mission to the referent', async () => {
  await go(browser, `/sessions/${draft.id}`);
  await shown(browser, '#submit-session');
  assert.match(await textOf(browser, '#review-status'), /Brouillon/);
  await click(browser, '#submit-session');
  await waitForText(browser, '#review-status', 'Soumise');
  await exportTo(browser, join(dir, 'to-referent.binome'), 'Portable du référent');
}, () => browser);

step('the referent validates one session and returns another with a comment', async () => {
  await switchTo(referentStore);
  await previewBundle(browser, join(dir, 'to-referent.binome'));
  await click(browser, '#import-bundle');
  await shown(browser, '#bundle-report');

  await go(browser, '/review');
  await shown(browser, '#review-table');
  const queue = await textOf(browser, '#review-table');
  assert.ok(queue.includes(toValidate.data.title) && queue.includes(draft.data.title), 'both sessions wait for review');
  await screenshot(browser, '18-validation-file');
  await assertAccessible(browser, 'the review queue');

  await go(browser, `/sessions/${toValidate.id}`);
  await type(browser, '#review-comment', 'Feuille de présence complète, merci.');
  await click(browser, '#validate-session');
  await waitForText(browser, '#review-status', 'Validée');

  await go(browser, `/sessions/${draft.id}`);
  // Returning without a word is refused, the comment field marked.
  await click(browser, '#return-session');
  await shown(browser, '#review-comment-error');
  assert.equal(await (await browser.$('#review-comment')).getAttribute('aria-invalid'), 'true');
  await type(browser, '#review-comment', 'Il manque les post-tests de deux participantes.');
  await click(browser, '#return-session');
  await waitForText(browser, '#review-status', 'Renvoyée');
  await assertAccessible(browser, 'a session under review');

  // Between missions, the referent logs a follow-up observation of a participant.
  const followed = cli(referentStore, 'assessment', 'list').find((a) => a.data.session_id === toValidate.id);
  await go(browser, `/participants/${followed.data.person_id}`);
  await click(browser, '#start-followup');
  await choose(browser, '#followup-framework', 'REF-SMNI');
  await type(browser, '#followup-date', '15/06/2019');
  await click(browser, '#open-followup');
  await (await shown(browser, '[data-criterion="smni-gatpa-2"]')).click();
  await browser.keys('3');
  await waitForText(browser, '#level-GATPA', 'Maîtrisé');
  const visit = cli(referentStore, 'assessment', 'list').filter((a) => a.data.context === 'follow_up' && a.data.date === '2019-06-15');
  assert.equal(visit.length, 1, 'the follow-up observation is saved on the referent’s laptop');
  assert.equal(visit[0].author, 'Abdel Haggar');

  const reviews = cli(referentStore, 'review', 'list');
  assert.deepEqual(
    reviews.map((r) => [r.data.session_id, r.data.decision]).sort(),
    [[toValidate.id, 'validated'], [draft.id, 'returned']].sort()
  );
  await exportTo(browser, join(dir, 'to-expert.binome'), 'Portable de Claire');
}, () => browser);

step('the expert sees the validation and the returned session with its comment', async () => {
  await switchTo(expertStore);
  await previewBundle(browser, join(dir, 'to-expert.binome'));
  await click(browser, '#import-bundle');
  await shown(browser, '#bundle-report');

  // An expert's review screen opens on what came back to fix.
  await go(browser, '/review');
  await shown(browser, '#review-table');
  const returned = await textOf(browser, '#review-table');
  assert.match(returned, /Il manque les post-tests de deux participantes/);
  assert.ok(!returned.includes(toValidate.data.title), 'the validated session is not in the list to fix');

  await go(browser, `/sessions/${draft.id}`);
  await shown(browser, '#returned-comment');
  assert.match(await textOf(browser, '#returned-comment'), /Abdel Haggar[\s\S]*post-tests/);
  await screenshot(browser, '19-seance-renvoyee');
  await go(browser, `/sessions/${toValidate.id}`);
  await waitForText(browser, '#review-status', 'Validée');
  assert.ok(
    cli(expertStore, 'assessment', 'list').some((a) => a.data.context === 'follow_up' && a.data.date === '2019-06-15'),
    'the referent’s follow-up observation came with the bundle'
  );

  // Fixed and handed back: submitted again, later than the return.
  await go(browser, `/sessions/${draft.id}`);
  await click(browser, '#submit-session');
  await waitForText(browser, '#review-status', 'Soumise');
}, () => browser);

step('the dashboard shows the same figures as `binome indicators`', async () => {
  await go(browser, '/dashboard');
  await shown(browser, '#dashboard-table');
  await choose(browser, '#dash-by', 'par profession');
  const expected = cli(expertStore, 'indicators', '--by', 'cadre');
  await browser.waitUntil(
    async () => (await browser.$$('#dashboard-table thead th')).length === expected.groups.length + 2,
    { timeout: 10000, timeoutMsg: 'the dashboard never split by cadre' }
  );
  // The figures shown are the finished run's, not a stale one's.
  await browser.waitUntil(async () => (await (await browser.$('#dash-status')).getText()) === '', {
    timeout: 10000,
    timeoutMsg: 'the dashboard never finished computing'
  });
  assert.equal(await (await browser.$('#dashboard-table').parentElement()).getAttribute('aria-busy'), 'false');
  for (const row of await browser.$$('#dashboard-table tbody tr')) {
    const name = await row.getAttribute('data-indicator');
    const cells = await row.$$('td');
    assert.equal(cells.length, expected.groups.length + 1, name);
    for (const [i, group] of expected.groups.entries()) {
      assertSameFigure(await cells[i].getText(), group.indicators[name], name, ` for ${group.key}`);
    }
    assertSameFigure(await cells[expected.groups.length].getText(), expected.total[name], name, ' in total');
  }
  await click(browser, '#dashboard-table tr[data-indicator="attendance_rate"] button');
  await waitForText(browser, '#chart-title', 'Taux de présence');
  await screenshot(browser, '20-tableau-de-bord');
  await assertAccessible(browser, 'the dashboard');
}, () => browser);

step('the mission debrief shows the mission’s figures, computed live', async () => {
  await go(browser, `/missions/${mission.id}`);
  await click(browser, '#tab-debrief');
  await shown(browser, '#debrief-figures');
  const expected = cli(expertStore, 'indicators', '--mission', mission.data.code).total;
  const tiles = await browser.$$('#debrief-figures .figure');
  assert.ok(tiles.length >= 15, 'every indicator of the mission');
  for (const tile of tiles) {
    const name = await tile.getAttribute('data-indicator');
    assertSameFigure(await tile.$('dd').getText(), expected[name], name);
  }
  // One session validated out of the twelve: the debrief says so.
  assertSameFigure(
    await (await browser.$('#debrief-figures [data-indicator="sessions_validated_rate"] dd')).getText(),
    expected.sessions_validated_rate,
    'sessions_validated_rate'
  );
  assert.ok(expected.sessions_validated_rate > 0, 'the referent’s validation counts');
  await type(browser, '#field-debrief', 'Bonne implication des sages-femmes ; matériel de réanimation incomplet.');
  await click(browser, 'form.record-form button[type="submit"]');
  await shown(browser, '.record-form .saved');
  assert.match(cli(expertStore, 'mission', 'show', mission.id).data.debrief, /matériel de réanimation/);
  await screenshot(browser, '21-bilan-mission');
  await assertAccessible(browser, 'the mission debrief');
}, () => browser);

step('a competency framework is imported from a spreadsheet, errors shown first, then rated', async () => {
  await go(browser, '/programmes');
  await click(browser, '#frameworks-import');
  answerNextDialog(join(FIXTURES, 'referentiel-errors.csv'));
  await click(browser, '#import-choose');
  await shown(browser, '#import-preview');
  assert.match(await textOf(browser, '#import-preview'), /Critère : champ obligatoire/);
  assert.match(await textOf(browser, '#import-preview'), /peut-être/);
  assert.equal(await (await browser.$('#import-confirm')).isEnabled(), false, 'refused while rows are in error');

  answerNextDialog(join(FIXTURES, 'referentiel-maintenance.csv'));
  await click(browser, '#import-choose');
  await waitForText(browser, '#import-summary', 'prêtes');
  await click(browser, '#import-confirm');
  await shown(browser, '#import-done');
  await waitForText(browser, '#frameworks-table', 'REF-MAINT');
  await screenshot(browser, '22-referentiel-importe');
  await assertAccessible(browser, 'the programmes and frameworks screen');
  const imported = cli(expertStore, 'frameworks', 'list').find((f) => f.data.code === 'REF-MAINT');
  assert.equal(imported.data.domains[0].competencies[0].criteria.length, 3);

  // Its own scale is offered in the grid at once.
  await go(browser, `/sessions/${toValidate.id}`);
  await click(browser, '#tab-competencies');
  await choose(browser, '#grid-framework', 'REF-MAINT');
  await shown(browser, '#level-MP1');
  await (await shown(browser, `[data-criterion="${imported.data.domains[0].competencies[0].criteria[0].id}"]`)).click();
  await browser.keys('3');
  await waitForText(browser, '#level-MP1', 'Acquis');
}, () => browser);

step('every screen passes the accessibility check and fits 1366×768', async () => {
  const screens = [
    ['/', '#missions-table'],
    [`/missions/${mission.id}`, '#sessions-table'],
    ['/participants', '#person-table'],
    ['/organisations', '#organisation-table'],
    ['/exports', 'main h1'],
    ['/sync', '#export-bundle'],
    ['/review', 'main h1'],
    ['/dashboard', '#dashboard-table']
  ];
  for (const [path, ready] of screens) {
    await go(browser, path);
    await shown(browser, ready);
    await assertAccessible(browser, path);
  }
  await go(browser, `/sessions/${toValidate.id}`);
  for (const tab of ['attendance', 'scores', 'details']) {
    await click(browser, `#tab-${tab}`);
    await shown(browser, `#tab-${tab}[aria-selected="true"]`);
    await assertAccessible(browser, `the session's ${tab} tab`);
  }
  await go(browser, `/missions/${mission.id}`);
  for (const tab of ['participants', 'team', 'details']) {
    await click(browser, `#tab-${tab}`);
    await shown(browser, `#tab-${tab}[aria-selected="true"]`);
    await assertAccessible(browser, `the mission's ${tab} tab`);
  }
}, () => browser);

const coordinatorStore = join(dir, 'coordinator.sqlite3');

step('a coordinator erases a person at their request; their figures stay, their name goes', async () => {
  cli(coordinatorStore, 'init', '--name', 'Bureau de N’Djamena', '--author', 'Fatimé Ngaba', '--role', 'coordinator');
  cli(coordinatorStore, 'demo', '--scale', 'mission');
  const person = cli(coordinatorStore, 'person', 'list').find((p) => p.data.role === 'participant' && p.data.phone);
  const before = cli(coordinatorStore, 'indicators', '--by', 'sex');
  await switchTo(coordinatorStore);
  await go(browser, `/participants/${person.id}`);
  await click(browser, '#start-erase');
  await shown(browser, '#erase-explained');
  await type(browser, '#erase-reference', 'DPO-2026-04');
  await screenshot(browser, '24-effacement');
  await assertAccessible(browser, 'the erasure of a person');
  await click(browser, '#confirm-erase');
  await waitForText(browser, '#erase-done', 'ANON-');
  assert.match(await textOf(browser, '#person-name'), /^ANON-/);
  const erased = cli(coordinatorStore, 'person', 'show', person.id).data;
  assert.match(erased.family_name, /^ANON-/);
  assert.ok(erased.phone == null && erased.given_names == null, JSON.stringify(erased));
  assert.equal(cli(coordinatorStore, 'erasure', 'list')[0].data.reference, 'DPO-2026-04');
  assert.deepEqual(cli(coordinatorStore, 'indicators', '--by', 'sex'), before, 'the person still counts');
}, () => browser);

step('the expert saves the recovery kit; the coordinator sets a new passphrase on the expert’s store with it', async () => {
  introduce([expertStore, 'Portable de Claire'], [coordinatorStore, 'Bureau de N’Djamena']);
  const kit = join(dir, 'kit-claire.json');
  await switchTo(expertStore);
  await go(browser, '/sync');
  await shown(browser, '#recovery-kit');
  answerNextDialog(kit);
  await click(browser, '#save-kit');
  await waitForText(browser, '#kit-saved', 'Bureau de N’Djamena');
  await assertAccessible(browser, 'the recovery kit');

  await switchTo(coordinatorStore);
  await go(browser, '/sync');
  await click(browser, '#start-kit-reset');
  answerNextDialog(kit);
  await click(browser, '#pick-kit');
  await waitForText(browser, '#picked-kit', 'kit-claire.json');
  answerNextDialog(expertStore);
  await click(browser, '#pick-store');
  await waitForText(browser, '#picked-store', 'expert.sqlite3');
  const renewed = 'une phrase toute neuve';
  await type(browser, '#kit-passphrase', renewed);
  await type(browser, '#kit-passphrase-again', renewed);
  await screenshot(browser, '25-kit-de-recuperation');
  await assertAccessible(browser, 'the recovery kit used by a coordinator');
  await click(browser, '#confirm-kit-reset');
  await waitForText(browser, '#kit-reset-done', 'Portable de Claire');

  // The expert's store now opens with the new passphrase only.
  const opened = execFileSync(CLI, ['--db', expertStore, '--json', 'mission', 'list'], {
    encoding: 'utf8',
    env: { ...process.env, BINOME_PASSPHRASE: renewed }
  });
  assert.equal(JSON.parse(opened)[0].id, mission.id);
  assert.throws(() => cli(expertStore, 'mission', 'list'), 'the old passphrase no longer opens it');
}, () => browser);
