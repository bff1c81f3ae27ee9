// Generated from the #[tauri::command] signatures by src-tauri/src/command_bindings.rs.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --lib bindings`.

import { invoke } from '@tauri-apps/api/core';
import type { AttendanceMark, BackupView, Breakdown, BundleOutcomeView, CompetencyGrid, CompetencyRating, ConflictView, CsvRequest, DeviceRowView, Dhis2Format, Disclosure, DuplicateView, ExportView, FieldView, FilePurpose, ImportKind, ImportPreview, ImportRequest, ImportSummary, IndicatorReport, Kind, Lang, ListRequest, LockView, NearbyLaptopView, NearbyListeningView, NearbyOutcomeView, NewDevice, Page, PersonMerge, ProgressionRow, QuarantineView, RecordView, RecoveryKitView, ReviewPage, ReviewStatus, RosterView, ScopeText, ScoreEntry, ScoreGrid, SentBundleView, SessionDecision, SessionReview, StatusView } from './bindings';

/** What the screens ask of the shell: one method per command. */
export interface Backend {
  backUpNow(): Promise<BackupView[]>;
  backups(): Promise<BackupView[]>;
  bundlesSentTo(device: string): Promise<SentBundleView[]>;
  changePassphrase(current: string, newValue: string): Promise<void>;
  competencyGrid(personId: string, frameworkId: string, sessionId: string | null, date: string | null): Promise<CompetencyGrid>;
  conflicts(): Promise<ConflictView[]>;
  deleteRecord(kind: Kind, id: string): Promise<RecordView>;
  devices(): Promise<DeviceRowView[]>;
  dhis2Export(mappingPath: string, period: string, programme: string | null, format: Dhis2Format, path: string): Promise<number>;
  dhis2Push(mappingPath: string, period: string, programme: string | null, server: string, user: string, password: string, dryRun: boolean): Promise<ImportSummary>;
  dhis2Template(path: string): Promise<void>;
  duplicates(): Promise<DuplicateView[]>;
  enterScore(entry: ScoreEntry): Promise<ScoreGrid>;
  erasePerson(personId: string, reference: string | null): Promise<RecordView>;
  exportBundle(path: string, recipients: string[], missionId: string | null): Promise<ExportView>;
  exportCsv(scopeText: ScopeText, request: CsvRequest, path: string): Promise<void>;
  exportMissionWorkbook(missionId: string, path: string, pseudonymise: boolean, disclosure: Disclosure): Promise<void>;
  exportWorkbook(scopeText: ScopeText, pseudonymise: boolean, disclosure: Disclosure, path: string): Promise<void>;
  fields(kind: Kind): Promise<FieldView[]>;
  getRecord(kind: Kind, id: string): Promise<RecordView>;
  importBundle(path: string): Promise<BundleOutcomeView>;
  importFile(request: ImportRequest): Promise<ImportPreview>;
  indicators(scopeText: ScopeText, by: Breakdown | null): Promise<IndicatorReport>;
  initDevice(device: NewDevice): Promise<StatusView>;
  listRecords(request: ListRequest): Promise<Page>;
  loadDemo(): Promise<StatusView>;
  lock(): Promise<LockView>;
  lockState(): Promise<LockView>;
  markAllPresent(sessionId: string): Promise<RosterView>;
  markAttendance(mark: AttendanceMark): Promise<RecordView>;
  mergePersons(merge: PersonMerge): Promise<RecordView>;
  nearbyDiscover(): Promise<NearbyLaptopView[]>;
  nearbyListen(): Promise<NearbyListeningView>;
  nearbyStop(): Promise<void>;
  nearbySync(address: string): Promise<NearbyOutcomeView>;
  pickFile(purpose: FilePurpose): Promise<string | null>;
  pickSave(purpose: FilePurpose, suggested: string): Promise<string | null>;
  previewBundle(path: string): Promise<BundleOutcomeView>;
  previewImport(request: ImportRequest): Promise<ImportPreview>;
  printAttendanceSheet(sessionId: string, path: string): Promise<void>;
  printCertificate(personId: string, missionId: string, path: string): Promise<void>;
  printMissionReport(missionId: string, path: string): Promise<void>;
  progression(personId: string): Promise<ProgressionRow[]>;
  quarantine(): Promise<QuarantineView[]>;
  rateCriterion(personId: string, frameworkId: string, sessionId: string | null, date: string | null, competencyId: string, criterionId: string, level: string): Promise<CompetencyRating>;
  rejectDevice(deviceId: string): Promise<void>;
  rememberHere(remember: boolean): Promise<boolean>;
  rememberedHere(): Promise<boolean>;
  resetFromRecoveryKit(kit: string, store: string, passphrase: string): Promise<RecoveryKitView>;
  restoreBackup(name: string): Promise<BackupView[]>;
  reviewQueue(missionId: string | null, status: ReviewStatus | null, offset: number, limit: number): Promise<ReviewPage>;
  reviewSession(decision: SessionDecision): Promise<SessionReview>;
  revokeDevice(deviceId: string): Promise<void>;
  roster(sessionId: string): Promise<RosterView>;
  saveImportTemplate(kind: ImportKind, path: string): Promise<void>;
  saveRecord(kind: Kind, id: string | null, input: Record<string, string>): Promise<RecordView>;
  saveRecoveryKit(path: string): Promise<RecoveryKitView>;
  saveRecoveryKitPdf(path: string): Promise<RecoveryKitView>;
  scoreGrid(sessionId: string): Promise<ScoreGrid>;
  sessionReview(sessionId: string): Promise<SessionReview>;
  setLanguage(lang: Lang): Promise<void>;
  settleConflict(kind: Kind, id: string, keep: number): Promise<RecordView>;
  status(): Promise<StatusView>;
  submitSession(sessionId: string): Promise<SessionReview>;
  trustDevice(deviceId: string): Promise<BundleOutcomeView[]>;
  trustRevokedDevice(deviceId: string): Promise<BundleOutcomeView[]>;
  unlock(passphrase: string): Promise<LockView>;
}

/** The backend of the desktop app: the shell's Tauri commands. */
export const tauriBackend: Backend = {
  backUpNow: () => invoke<BackupView[]>('back_up_now'),
  backups: () => invoke<BackupView[]>('backups'),
  bundlesSentTo: (device) => invoke<SentBundleView[]>('bundles_sent_to', { device }),
  changePassphrase: (current, newValue) => invoke<void>('change_passphrase', { current, new: newValue }),
  competencyGrid: (personId, frameworkId, sessionId, date) => invoke<CompetencyGrid>('competency_grid', { personId, frameworkId, sessionId, date }),
  conflicts: () => invoke<ConflictView[]>('conflicts'),
  deleteRecord: (kind, id) => invoke<RecordView>('delete_record', { kind, id }),
  devices: () => invoke<DeviceRowView[]>('devices'),
  dhis2Export: (mappingPath, period, programme, format, path) => invoke<number>('dhis2_export', { mappingPath, period, programme, format, path }),
  dhis2Push: (mappingPath, period, programme, server, user, password, dryRun) => invoke<ImportSummary>('dhis2_push', { mappingPath, period, programme, server, user, password, dryRun }),
  dhis2Template: (path) => invoke<void>('dhis2_template', { path }),
  duplicates: () => invoke<DuplicateView[]>('duplicates'),
  enterScore: (entry) => invoke<ScoreGrid>('enter_score', { entry }),
  erasePerson: (personId, reference) => invoke<RecordView>('erase_person', { personId, reference }),
  exportBundle: (path, recipients, missionId) => invoke<ExportView>('export_bundle', { path, recipients, missionId }),
  exportCsv: (scopeText, request, path) => invoke<void>('export_csv', { scopeText, request, path }),
  exportMissionWorkbook: (missionId, path, pseudonymise, disclosure) => invoke<void>('export_mission_workbook', { missionId, path, pseudonymise, disclosure }),
  exportWorkbook: (scopeText, pseudonymise, disclosure, path) => invoke<void>('export_workbook', { scopeText, pseudonymise, disclosure, path }),
  fields: (kind) => invoke<FieldView[]>('fields', { kind }),
  getRecord: (kind, id) => invoke<RecordView>('get_record', { kind, id }),
  importBundle: (path) => invoke<BundleOutcomeView>('import_bundle', { path }),
  importFile: (request) => invoke<ImportPreview>('import_file', { request }),
  indicators: (scopeText, by) => invoke<IndicatorReport>('indicators', { scopeText, by }),
  initDevice: (device) => invoke<StatusView>('init_device', { device }),
  listRecords: (request) => invoke<Page>('list_records', { request }),
  loadDemo: () => invoke<StatusView>('load_demo'),
  lock: () => invoke<LockView>('lock'),
  lockState: () => invoke<LockView>('lock_state'),
  markAllPresent: (sessionId) => invoke<RosterView>('mark_all_present', { sessionId }),
  markAttendance: (mark) => invoke<RecordView>('mark_attendance', { mark }),
  mergePersons: (merge) => invoke<RecordView>('merge_persons', { merge }),
  nearbyDiscover: () => invoke<NearbyLaptopView[]>('nearby_discover'),
  nearbyListen: () => invoke<NearbyListeningView>('nearby_listen'),
  nearbyStop: () => invoke<void>('nearby_stop'),
  nearbySync: (address) => invoke<NearbyOutcomeView>('nearby_sync', { address }),
  pickFile: (purpose) => invoke<string | null>('pick_file', { purpose }),
  pickSave: (purpose, suggested) => invoke<string | null>('pick_save', { purpose, suggested }),
  previewBundle: (path) => invoke<BundleOutcomeView>('preview_bundle', { path }),
  previewImport: (request) => invoke<ImportPreview>('preview_import', { request }),
  printAttendanceSheet: (sessionId, path) => invoke<void>('print_attendance_sheet', { sessionId, path }),
  printCertificate: (personId, missionId, path) => invoke<void>('print_certificate', { personId, missionId, path }),
  printMissionReport: (missionId, path) => invoke<void>('print_mission_report', { missionId, path }),
  progression: (personId) => invoke<ProgressionRow[]>('progression', { personId }),
  quarantine: () => invoke<QuarantineView[]>('quarantine'),
  rateCriterion: (personId, frameworkId, sessionId, date, competencyId, criterionId, level) => invoke<CompetencyRating>('rate_criterion', { personId, frameworkId, sessionId, date, competencyId, criterionId, level }),
  rejectDevice: (deviceId) => invoke<void>('reject_device', { deviceId }),
  rememberHere: (remember) => invoke<boolean>('remember_here', { remember }),
  rememberedHere: () => invoke<boolean>('remembered_here'),
  resetFromRecoveryKit: (kit, store, passphrase) => invoke<RecoveryKitView>('reset_from_recovery_kit', { kit, store, passphrase }),
  restoreBackup: (name) => invoke<BackupView[]>('restore_backup', { name }),
  reviewQueue: (missionId, status, offset, limit) => invoke<ReviewPage>('review_queue', { missionId, status, offset, limit }),
  reviewSession: (decision) => invoke<SessionReview>('review_session', { decision }),
  revokeDevice: (deviceId) => invoke<void>('revoke_device', { deviceId }),
  roster: (sessionId) => invoke<RosterView>('roster', { sessionId }),
  saveImportTemplate: (kind, path) => invoke<void>('save_import_template', { kind, path }),
  saveRecord: (kind, id, input) => invoke<RecordView>('save_record', { kind, id, input }),
  saveRecoveryKit: (path) => invoke<RecoveryKitView>('save_recovery_kit', { path }),
  saveRecoveryKitPdf: (path) => invoke<RecoveryKitView>('save_recovery_kit_pdf', { path }),
  scoreGrid: (sessionId) => invoke<ScoreGrid>('score_grid', { sessionId }),
  sessionReview: (sessionId) => invoke<SessionReview>('session_review', { sessionId }),
  setLanguage: (lang) => invoke<void>('set_language', { lang }),
  settleConflict: (kind, id, keep) => invoke<RecordView>('settle_conflict', { kind, id, keep }),
  status: () => invoke<StatusView>('status'),
  submitSession: (sessionId) => invoke<SessionReview>('submit_session', { sessionId }),
  trustDevice: (deviceId) => invoke<BundleOutcomeView[]>('trust_device', { deviceId }),
  trustRevokedDevice: (deviceId) => invoke<BundleOutcomeView[]>('trust_revoked_device', { deviceId }),
  unlock: (passphrase) => invoke<LockView>('unlock', { passphrase }),
};
