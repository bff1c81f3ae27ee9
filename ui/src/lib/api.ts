// The commands of src-tauri under the names the screens use: their names,
// arguments and answers come from commands.ts, generated from the Rust
// signatures; only the keyboard saves add their in-order wrapper here. The
// backend is the shell's unless a test puts its own in place (useBackend).
import { tauriBackend, type Backend } from './commands';
import type { AttendanceMark, ErrorView, FilePurpose, ScoreEntry } from './bindings';
import { writesInOrder } from './in-order';

export type Input = Record<string, string>;

/** Where a competency grid is filled: a session, or a follow-up visit on a date (dd/mm/yyyy). */
export type GridPlace = { sessionId: string; date?: undefined } | { sessionId?: undefined; date: string };

/** The screens' names for a backend's commands. */
function screensApi(commands: Backend) {
  /** Keyboard saves, kept in the order they were typed (see in-order.ts). */
  const typed = writesInOrder();
  return {
    lockState: commands.lockState,
    unlock: commands.unlock,
    lock: commands.lock,
    changePassphrase: commands.changePassphrase,
    status: commands.status,
    setLanguage: commands.setLanguage,
    initDevice: commands.initDevice,
    loadDemo: commands.loadDemo,

    fields: commands.fields,
    list: commands.listRecords,
    get: commands.getRecord,
    save: commands.saveRecord,
    remove: commands.deleteRecord,
    previewImport: commands.previewImport,
    importFile: commands.importFile,
    saveImportTemplate: commands.saveImportTemplate,
    duplicates: commands.duplicates,
    mergePersons: commands.mergePersons,
    erasePerson: commands.erasePerson,

    roster: commands.roster,
    mark: (mark: AttendanceMark) => typed(() => commands.markAttendance(mark)),
    markAllPresent: (sessionId: string) => typed(() => commands.markAllPresent(sessionId)),
    scores: commands.scoreGrid,
    enterScore: (entry: ScoreEntry) => typed(() => commands.enterScore(entry)),

    reviewQueue: commands.reviewQueue,
    sessionReview: commands.sessionReview,
    reviewSession: commands.reviewSession,
    submitSession: commands.submitSession,

    competencyGrid: (personId: string, frameworkId: string, place: GridPlace) =>
      commands.competencyGrid(personId, frameworkId, place.sessionId ?? null, place.date ?? null),
    rateCriterion: (personId: string, frameworkId: string, place: GridPlace, competencyId: string, criterionId: string, level: string) =>
      typed(() =>
        commands.rateCriterion(personId, frameworkId, place.sessionId ?? null, place.date ?? null, competencyId, criterionId, level)
      ),
    progression: commands.progression,

    indicators: commands.indicators,

    devices: commands.devices,
    bundlesSentTo: commands.bundlesSentTo,
    exportBundle: commands.exportBundle,
    previewBundle: commands.previewBundle,
    importBundle: commands.importBundle,
    quarantine: commands.quarantine,
    trust: commands.trustDevice,
    reject: commands.rejectDevice,
    revoke: commands.revokeDevice,
    trustRevoked: commands.trustRevokedDevice,
    conflicts: commands.conflicts,
    nearbyListen: commands.nearbyListen,
    nearbyStop: commands.nearbyStop,
    nearbyDiscover: commands.nearbyDiscover,
    nearbySync: commands.nearbySync,
    settle: commands.settleConflict,

    printAttendanceSheet: commands.printAttendanceSheet,
    printCertificate: commands.printCertificate,
    printMissionReport: commands.printMissionReport,
    exportMissionWorkbook: commands.exportMissionWorkbook,

    exportWorkbook: commands.exportWorkbook,
    exportCsv: commands.exportCsv,
    dhis2Template: commands.dhis2Template,
    dhis2Export: commands.dhis2Export,

    dhis2Push: commands.dhis2Push,

    backups: commands.backups,
    backUpNow: commands.backUpNow,
    restoreBackup: commands.restoreBackup,

    rememberedHere: commands.rememberedHere,
    rememberHere: commands.rememberHere,
    saveRecoveryKit: commands.saveRecoveryKit,
    saveRecoveryKitPdf: commands.saveRecoveryKitPdf,
    resetFromRecoveryKit: commands.resetFromRecoveryKit,
    pickFile: commands.pickFile,
    pickSave: (purpose: FilePurpose, suggested: string) => commands.pickSave(purpose, suggested)
  };
}

/** What the screens call; a live binding, so that useBackend reaches every importer. */
export let api = screensApi(tauriBackend);

/** Puts another backend in place of the shell's: component tests give theirs (testing/backend.ts). */
export function useBackend(backend: Backend): void {
  api = screensApi(backend);
}

/** What a failed command rejected with, as the UI shows it. */
export function asError(error: unknown): ErrorView {
  if (error && typeof error === 'object' && 'message' in error && 'code' in error) return error as ErrorView;
  return { code: 'shell', message: String(error), problems: [], rows: [] };
}
