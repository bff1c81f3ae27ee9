// The commands of src-tauri, typed with the generated bindings.
import { invoke } from '@tauri-apps/api/core';
import type {
  AttendanceStatus,
  Phase,
  ReviewDecision,
  ReviewStatus,
  DeviceRole,
  Lang,
  ImportRequest,
  RecoveryKitView,
  ImportKind,
  Breakdown,
  CsvTable,
  Dhis2Format,
  FilePurpose,
  BundleOutcomeView,
  ConflictView,
  DeviceRowView,
  DuplicateView,
  ErrorView,
  ExportView,
  FieldView,
  CompetencyGrid,
  CompetencyRating,
  ImportSummary,
  ImportPreview,
  IndicatorReport,
  ProgressionRow,
  ReviewPage,
  ScopeText,
  SessionReview,
  Kind,
  ListRequest,
  Page,
  QuarantineView,
  RecordView,
  RosterView,
  ScoreGrid,
  StatusView,
  LockView,
  SentBundleView,
  NearbyLaptopView,
  NearbyListeningView,
  NearbyOutcomeView,
  Disclosure,
  CsvRequest
} from './bindings';
import { writesInOrder } from './in-order';

export type Input = Record<string, string>;

/** Where a competency grid is filled: a session, or a follow-up visit on a date (dd/mm/yyyy). */
export type GridPlace = { sessionId: string; date?: undefined } | { sessionId?: undefined; date: string };

/** Keyboard saves, kept in the order they were typed (see in-order.ts). */
const typed = writesInOrder();

export const api = {
  lockState: () => invoke<LockView>('lock_state'),
  unlock: (passphrase: string) => invoke<LockView>('unlock', { passphrase }),
  lock: () => invoke<LockView>('lock'),
  changePassphrase: (current: string, next: string) => invoke<void>('change_passphrase', { current, new: next }),
  status: () => invoke<StatusView>('status'),
  setLanguage: (lang: Lang) => invoke<void>('set_language', { lang }),
  initDevice: (name: string, author: string, role: DeviceRole) =>
    invoke<StatusView>('init_device', { name, author, role }),
  loadDemo: () => invoke<StatusView>('load_demo'),

  fields: (kind: Kind) => invoke<FieldView[]>('fields', { kind }),
  list: (request: ListRequest) => invoke<Page>('list_records', { request }),
  get: (kind: Kind, id: string) => invoke<RecordView>('get_record', { kind, id }),
  save: (kind: Kind, id: string | null, input: Input) => invoke<RecordView>('save_record', { kind, id, input }),
  remove: (kind: Kind, id: string) => invoke<RecordView>('delete_record', { kind, id }),
  previewImport: (request: ImportRequest) => invoke<ImportPreview>('preview_import', { request }),
  importFile: (request: ImportRequest) => invoke<ImportPreview>('import_file', { request }),
  saveImportTemplate: (kind: ImportKind, path: string) => invoke<void>('save_import_template', { kind, path }),
  duplicates: () => invoke<DuplicateView[]>('duplicates'),
  mergePersons: (keep: string, other: string) => invoke<RecordView>('merge_persons', { keep, other }),
  erasePerson: (personId: string, reference: string | null) =>
    invoke<RecordView>('erase_person', { personId, reference }),

  roster: (sessionId: string) => invoke<RosterView>('roster', { sessionId }),
  mark: (sessionId: string, personId: string, status: AttendanceStatus) =>
    typed(() => invoke<RecordView>('mark_attendance', { sessionId, personId, status })),
  markAllPresent: (sessionId: string) => typed(() => invoke<RosterView>('mark_all_present', { sessionId })),
  scores: (sessionId: string) => invoke<ScoreGrid>('score_grid', { sessionId }),
  enterScore: (sessionId: string, personId: string, phase: Phase, score: string, maxScore: string) =>
    typed(() => invoke<ScoreGrid>('enter_score', { sessionId, personId, phase, score, maxScore })),

  reviewQueue: (missionId: string | null, status: ReviewStatus | null, offset: number, limit: number) =>
    invoke<ReviewPage>('review_queue', { missionId, status, offset, limit }),
  sessionReview: (sessionId: string) => invoke<SessionReview>('session_review', { sessionId }),
  reviewSession: (sessionId: string, decision: ReviewDecision, comment: string) =>
    invoke<SessionReview>('review_session', { sessionId, decision, comment }),
  submitSession: (sessionId: string) => invoke<SessionReview>('submit_session', { sessionId }),

  competencyGrid: (personId: string, frameworkId: string, place: GridPlace) =>
    invoke<CompetencyGrid>('competency_grid', {
      personId,
      frameworkId,
      sessionId: place.sessionId ?? null,
      date: place.date ?? null
    }),
  rateCriterion: (personId: string, frameworkId: string, place: GridPlace, competencyId: string, criterionId: string, level: string) =>
    typed(() =>
      invoke<CompetencyRating>('rate_criterion', {
        personId,
        frameworkId,
        sessionId: place.sessionId ?? null,
        date: place.date ?? null,
        competencyId,
        criterionId,
        level
      })
    ),
  progression: (personId: string) => invoke<ProgressionRow[]>('progression', { personId }),

  indicators: (scopeText: ScopeText, by: Breakdown | null) => invoke<IndicatorReport>('indicators', { scopeText, by }),

  devices: () => invoke<DeviceRowView[]>('devices'),
  bundlesSentTo: (device: string) => invoke<SentBundleView[]>('bundles_sent_to', { device }),
  exportBundle: (path: string, recipients: string[], missionId: string | null) =>
    invoke<ExportView>('export_bundle', { path, recipients, missionId }),
  previewBundle: (path: string) => invoke<BundleOutcomeView>('preview_bundle', { path }),
  importBundle: (path: string) => invoke<BundleOutcomeView>('import_bundle', { path }),
  quarantine: () => invoke<QuarantineView[]>('quarantine'),
  trust: (deviceId: string) => invoke<BundleOutcomeView[]>('trust_device', { deviceId }),
  reject: (deviceId: string) => invoke<void>('reject_device', { deviceId }),
  revoke: (deviceId: string) => invoke<void>('revoke_device', { deviceId }),
  trustRevoked: (deviceId: string) => invoke<BundleOutcomeView[]>('trust_revoked_device', { deviceId }),
  conflicts: () => invoke<ConflictView[]>('conflicts'),
  nearbyListen: () => invoke<NearbyListeningView>('nearby_listen'),
  nearbyStop: () => invoke<void>('nearby_stop'),
  nearbyDiscover: () => invoke<NearbyLaptopView[]>('nearby_discover'),
  nearbySync: (address: string) => invoke<NearbyOutcomeView>('nearby_sync', { address }),
  settle: (kind: Kind, id: string, keep: number) => invoke<RecordView>('settle_conflict', { kind, id, keep }),

  printAttendanceSheet: (sessionId: string, path: string) => invoke<void>('print_attendance_sheet', { sessionId, path }),
  printCertificate: (personId: string, missionId: string, path: string) =>
    invoke<void>('print_certificate', { personId, missionId, path }),
  printMissionReport: (missionId: string, path: string) => invoke<void>('print_mission_report', { missionId, path }),
  exportMissionWorkbook: (missionId: string, path: string, pseudonymise: boolean, disclosure: Disclosure) =>
    invoke<void>('export_mission_workbook', { missionId, path, pseudonymise, disclosure }),

  exportWorkbook: (scopeText: ScopeText, pseudonymise: boolean, disclosure: Disclosure, path: string) =>
    invoke<void>('export_workbook', { scopeText, pseudonymise, disclosure, path }),
  exportCsv: (scopeText: ScopeText, request: CsvRequest, path: string) =>
    invoke<void>('export_csv', { scopeText, request, path }),
  dhis2Template: (path: string) => invoke<void>('dhis2_template', { path }),
  dhis2Export: (mappingPath: string, period: string, programme: string | null, format: Dhis2Format, path: string) =>
    invoke<number>('dhis2_export', { mappingPath, period, programme, format, path }),

  dhis2Push: (
    mappingPath: string,
    period: string,
    programme: string | null,
    server: string,
    user: string,
    password: string,
    dryRun: boolean
  ) => invoke<ImportSummary>('dhis2_push', { mappingPath, period, programme, server, user, password, dryRun }),

  rememberedHere: () => invoke<boolean>('remembered_here'),
  rememberHere: (remember: boolean) => invoke<boolean>('remember_here', { remember }),
  saveRecoveryKit: (path: string) => invoke<RecoveryKitView>('save_recovery_kit', { path }),
  saveRecoveryKitPdf: (path: string) => invoke<RecoveryKitView>('save_recovery_kit_pdf', { path }),
  resetFromRecoveryKit: (kit: string, store: string, passphrase: string) =>
    invoke<RecoveryKitView>('reset_from_recovery_kit', { kit, store, passphrase }),
  pickFile: (purpose: FilePurpose) => invoke<string | null>('pick_file', { purpose }),
  pickSave: (purpose: FilePurpose, suggested: string) => invoke<string | null>('pick_save', { purpose, suggested })
};

/** What a failed command rejected with, as the UI shows it. */
export function asError(error: unknown): ErrorView {
  if (error && typeof error === 'object' && 'message' in error && 'code' in error) return error as ErrorView;
  return { code: 'shell', message: String(error), problems: [], rows: [] };
}
