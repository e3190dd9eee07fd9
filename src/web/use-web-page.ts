/**
 * The 网页版's state and actions, apart from how they are shown (WebPageView): the files the user
 * chose, each scored by the same engine with the settings saved in it (in the lazily loaded
 * workbook code), the file shown, and what the user changes for it here (the rule profile, the
 * sheet, the table, judgements), which re-score it in memory. Downloads: the scored copy of the
 * file shown, its report, every file's copy and report in one .zip, or the summary of every table
 * in every file (评分汇总.xlsx).
 */
import { useCallback, useRef, useState } from 'react';
import { itemOfUnreadFile, itemsOfScoredSheets } from '../app/batch-items';
import type { BatchItem } from '../app/batch-summary';
import type { WorkbookSettings } from '../app/ports';
import type { ExcelReportService, ScoredSheet } from '../app/report-service';
import { DEFAULT_SETTINGS, profileFromSettings } from '../app/scoring-run';
import type { Evaluation } from '../engine/evaluation';
import { findProfile } from '../engine/rules/profile';
import type { Judgement } from '../engine/score/score-indicator';
import { downloaded } from '../report-service/delivery-messages';
import { reportFileName, scoredCopyName } from '../report-service/file-name';
import type { NamedBytes, ScoredWorkbookFile, WorkbookFileService } from '../report-service/workbook-files';
import { defaultReportFields, reportSettingsFrom, type ReportFieldValues } from '../taskpane/common/ReportFields';
import { useTask } from '../taskpane/common/use-task';
import { judgeableRows, withJudgement } from '../taskpane/excel/judgements';
import { useStrings } from '../taskpane/i18n';
import { readFileBytes } from '../taskpane/word/read-file';
import { DOCX_MIME, XLSX_MIME, ZIP_MIME, type Download } from './download';

/** What the user changed for a file here (评分设置, judgements, a table); the file's saved settings are not written. */
interface LocalSettings {
  judgements?: WorkbookSettings['judgements'];
  tableRows?: WorkbookSettings['tableRows'];
  overrides?: WorkbookSettings['overrides'];
  keepExistingScores?: WorkbookSettings['keepExistingScores'];
}

export interface WebFile {
  id: number;
  name: string;
  bytes: Uint8Array;
  /** The file scored with its saved settings (or the profile chosen here); absent while it is read, or when it cannot be. */
  book?: ScoredWorkbookFile;
  /** Why the file could not be read. */
  error?: unknown;
  /** The rule profile shown for it. */
  profileId: string;
  /** Chosen here by the user (it then replaces the profile saved in the file). */
  profileChosen: boolean;
  local?: LocalSettings;
  /** The sheets scored with `local`, once the user changed something here. */
  rescored?: ScoredSheet[];
  /** The sheet shown, of those that can be scored. */
  sheet?: string;
  /** The report's unit, date and outline, once the user changed them. */
  report?: ReportFieldValues;
  /** The evaluation whose scored copy was last downloaded (shown as the results). */
  downloaded?: Evaluation;
}

/** A report template the user chose: used for every report the page drafts. */
export interface ChosenTemplate {
  name: string;
  bytes: Uint8Array;
}

export interface PageNotice {
  intent: 'success' | 'info' | 'warning';
  text: string;
}

const scoreable = (sheets: ScoredSheet[] | undefined) => sheets?.filter((sheet) => sheet.outcome.ok) ?? [];

/** The file's sheets as scored now: with what was changed here, else with its settings. */
export function sheetsOf(file: WebFile): ScoredSheet[] | undefined {
  return file.rescored ?? file.book?.sheets;
}

/** The file's sheet shown (or the first that can be scored), when one can be. */
export function shownSheet(file: WebFile): ScoredSheet | undefined {
  const sheets = scoreable(sheetsOf(file));
  return sheets.find((sheet) => sheet.name === file.sheet) ?? sheets[0];
}

/** The evaluation of the file's sheet shown. */
export function evaluationOf(file: WebFile): Evaluation | undefined {
  const outcome = shownSheet(file)?.outcome;
  return outcome?.ok ? outcome.evaluation : undefined;
}

/**
 * The file's part in the summary: every table of every sheet (each table of a sheet that holds
 * several, whichever is shown), scored with the profile and judgements made here; or the file as
 * one failure with the reason it could not be read. A file still being read has no part yet.
 */
export function batchItemsOf(file: WebFile, service: Pick<WorkbookFileService, 'scoreEveryTable'>): BatchItem[] {
  if (file.error !== undefined) return [itemOfUnreadFile(file.name, file.error)];
  const settings = settingsOf(file);
  return file.book && settings ? itemsOfScoredSheets(file.name, service.scoreEveryTable(file.book.grids, settings)) : [];
}

/** The settings the file is scored with now: its own (saved, or with the chosen profile) and the changes made here. */
function settingsOf(file: WebFile): WorkbookSettings | undefined {
  if (!file.book) return undefined;
  return { ...file.book.settings, ...file.local };
}

export function useWebPage(loadService: () => Promise<WorkbookFileService>, download: Download) {
  const strings = useStrings();
  const task = useTask();
  const [files, setFiles] = useState<WebFile[]>([]);
  const [selectedId, setSelectedId] = useState<number>();
  const [template, setTemplate] = useState<ChosenTemplate>();
  const [notice, setNotice] = useState<PageNotice>();
  const nextId = useRef(1);
  // The latest files, for actions that run after an await (a state read then would be stale).
  const latest = useRef(files);
  latest.current = files;
  const busy = task.running !== undefined;

  const update = (id: number, change: (file: WebFile) => WebFile) => {
    latest.current = latest.current.map((file) => (file.id === id ? change(file) : file));
    setFiles(latest.current);
  };

  /** Score the file (again), keeping what was changed for it here. */
  const score = async (file: WebFile, profileId: string, profileChosen: boolean) => {
    const service = await loadService();
    try {
      const book = await service.scoreFile(file.bytes, { profileId, chosen: profileChosen });
      const rescored = file.local ? service.scoreSheets(book.grids, { ...book.settings, ...file.local }) : undefined;
      // A saved profile this version does not know is scored with the default rules (profileFromSettings).
      const shown = findProfile(book.settings.profileId) ? book.settings.profileId : DEFAULT_SETTINGS.profileId;
      update(file.id, (current) => ({ ...current, book, rescored, error: undefined, profileId: shown, profileChosen }));
    } catch (error) {
      update(file.id, (current) => ({ ...current, book: undefined, rescored: undefined, error }));
    }
  };

  /**
   * Read and score the files chosen or dropped, one after another; the first of them is shown.
   * 重试 after a failure (the workbook code did not load) scores the files already added.
   */
  const addFiles = (picked: readonly File[]) => {
    if (picked.length === 0) return;
    let added: WebFile[] | undefined;
    void task.run('read', async () => {
      setNotice(undefined);
      if (!added) {
        const read: WebFile[] = [];
        for (const blob of picked) {
          read.push({ id: nextId.current++, name: blob.name, bytes: await readFileBytes(blob), profileId: DEFAULT_SETTINGS.profileId, profileChosen: false });
        }
        added = read;
        latest.current = [...latest.current, ...read];
        setFiles(latest.current);
        setSelectedId(read[0].id);
      }
      // One at a time: a large workbook takes the memory of several copies while it is read.
      for (const file of added) {
        const current = latest.current.find((candidate) => candidate.id === file.id);
        if (current && !current.book && current.error === undefined) await score(current, DEFAULT_SETTINGS.profileId, false);
      }
    });
  };

  const selected = files.find((file) => file.id === selectedId);

  /** Re-score the file shown with a change made here (judgements, a table choice). */
  const changeLocal = (change: (local: LocalSettings, settings: WorkbookSettings) => LocalSettings) => {
    if (!selected?.book) return;
    const target = selected;
    void task.run('rescore', async () => {
      const service = await loadService();
      const book = target.book as ScoredWorkbookFile;
      const local = change(target.local ?? {}, { ...book.settings, ...target.local });
      const rescored = service.scoreSheets(book.grids, { ...book.settings, ...local });
      update(target.id, (file) => ({ ...file, local, rescored }));
    });
  };

  const evaluation = selected && evaluationOf(selected);
  const shown = selected && shownSheet(selected);
  const settings = selected && settingsOf(selected);
  const sheetJudgements = evaluation && settings ? settings.judgements[evaluation.sheet] : undefined;
  const toJudge = evaluation ? judgeableRows(evaluation.indicators, sheetJudgements) : [];
  const profile = settings ? profileFromSettings(settings) : undefined;
  const tables = shown?.outcome.tables ?? [];
  const chosenTable = shown && settings ? (settings.tableRows[shown.name] ?? tables[0]?.headerRow) : undefined;
  const reportValues = selected?.report ?? defaultReportFields(evaluation);

  const judge = (row: number, judgement: Judgement | undefined) => {
    if (!evaluation) return;
    const sheet = evaluation.sheet;
    changeLocal((local, current) => ({ ...local, judgements: withJudgement(current.judgements, sheet, row, judgement) }));
  };

  const chooseTable = (headerRow: number) => {
    if (!shown) return;
    const sheet = shown.name;
    changeLocal((local, current) => ({ ...local, tableRows: { ...current.tableRows, [sheet]: headerRow } }));
  };

  const changeProfile = (profileId: string) => {
    if (!selected) return;
    // Another profile is another set of rules: the adjustments made here to the previous one do not carry over.
    const local = { ...selected.local };
    delete local.overrides;
    const target = { ...selected, profileId, local };
    update(target.id, () => target);
    void task.run('score', () => score(target, profileId, true));
  };

  /** 评分设置 as the Excel pane's panel changes them: another profile re-scores the file with it, the rest in memory. */
  const changeSettings = (next: WorkbookSettings) => {
    if (!settings) return;
    if (next.profileId !== settings.profileId) return changeProfile(next.profileId);
    changeLocal((local) => ({ ...local, overrides: next.overrides, keepExistingScores: next.keepExistingScores }));
  };

  const chooseSheet = (name: string) => {
    if (selected) update(selected.id, (file) => ({ ...file, sheet: name }));
  };
  const setReportValues = (values: ReportFieldValues) => {
    if (selected) update(selected.id, (file) => ({ ...file, report: values }));
  };

  const removeFile = (id: number) => {
    latest.current = latest.current.filter((file) => file.id !== id);
    setFiles(latest.current);
    if (selectedId === id) setSelectedId(latest.current[0]?.id);
    setNotice(undefined);
  };

  /** 一键评分: the scored copy of the sheet shown, downloaded as 原文件名.scored.xlsx. */
  const scoreAndDownload = () => {
    if (!selected || !shown?.outcome.ok) return;
    const target = selected;
    const { evaluation: scored, plan } = shown.outcome;
    void task.run('download', async () => {
      setNotice(undefined);
      const name = scoredCopyName(target.name);
      download(await (await loadService()).scoredCopy(target.bytes, [plan]), name, XLSX_MIME);
      update(target.id, (file) => ({ ...file, downloaded: scored }));
      setNotice({ intent: 'success', text: strings.scoredDownloaded(name) });
    });
  };

  // The template is read when a report is drafted, not when the report panel got its service.
  const templateNow = useRef(template);
  templateNow.current = template;

  /**
   * The report of the file shown, as the Excel pane's report panel asks for it: drafted here and
   * downloaded. Kept the same between renders: the panel fetches it again when it changes.
   */
  const loadReportService = useCallback(async (): Promise<ExcelReportService> => {
    const service = await loadService();
    return {
      async deliverReport(scored, reportSettings) {
        const fileName = reportFileName(scored, reportSettings);
        download(await service.reportDocx(scored, reportSettings, templateNow.current?.bytes), fileName, DOCX_MIME);
        return downloaded(fileName);
      },
    };
  }, [loadService, download]);

  /** 全部下载: every file's scored copy and report in one .zip; files without a table to score are named. */
  const downloadAll = () => {
    const targets = latest.current;
    void task.run('zip', async () => {
      setNotice(undefined);
      const service = await loadService();
      const entries: NamedBytes[] = [];
      const skipped: string[] = [];
      let packed = 0;
      for (const file of targets) {
        const sheet = shownSheet(file);
        if (!sheet?.outcome.ok) {
          skipped.push(file.name);
          continue;
        }
        const { evaluation: scored, plan } = sheet.outcome;
        const reportSettings = reportSettingsFrom(file.report ?? defaultReportFields(scored));
        entries.push({ name: scoredCopyName(file.name), bytes: await service.scoredCopy(file.bytes, [plan]) });
        entries.push({ name: reportFileName(scored, reportSettings), bytes: await service.reportDocx(scored, reportSettings, template?.bytes) });
        packed++;
      }
      if (packed > 0) download(service.zip(entries), strings.zipName, ZIP_MIME);
      const text = [packed > 0 ? strings.allDownloaded(strings.zipName, packed) : '', skipped.length > 0 ? strings.allSkipped(skipped) : '']
        .filter(Boolean)
        .join(' ');
      setNotice({ intent: skipped.length > 0 ? 'warning' : 'success', text });
    });
  };

  /** 下载评分汇总: the tables of every file chosen, summed up in one workbook (汇总、复核差异、偏差未说明、未能评分). */
  const downloadSummary = () => {
    const targets = latest.current;
    void task.run('summary', async () => {
      setNotice(undefined);
      const service = await loadService();
      const items = targets.flatMap((file) => batchItemsOf(file, service));
      const bytes = await service.summaryWorkbook(items);
      download(bytes, strings.summaryName, XLSX_MIME);
      const tables = items.filter((item) => 'outcome' in item && item.outcome.ok).length;
      const failed = items.length - tables;
      setNotice({ intent: failed > 0 ? 'warning' : 'success', text: strings.summaryDownloaded(strings.summaryName, tables, failed) });
    });
  };

  const chooseTemplate = (picked: File | undefined) => {
    if (!picked) return;
    void task.run('template', async () => setTemplate({ name: picked.name, bytes: await readFileBytes(picked) }));
  };

  return {
    files,
    selected,
    sheets: selected && sheetsOf(selected),
    scoreable: scoreable(selected && sheetsOf(selected)),
    shown,
    evaluation,
    settings,
    profile,
    sheetJudgements,
    toJudge,
    tables,
    chosenTable,
    reportValues,
    loadReportService,
    template,
    notice,
    busy,
    running: task.running,
    failed: task.failed,
    clearFailure: task.clearFailure,
    /** Whether 全部下载 has something to pack: more than one file, at least one scored. */
    canDownloadAll: files.length > 1 && files.some((file) => evaluationOf(file) !== undefined),
    /** Whether 下载评分汇总 has something to sum up: more than one file, every one read (or refused). */
    canDownloadSummary: files.length > 1 && files.every((file) => file.book !== undefined || file.error !== undefined),
    actions: {
      addFiles,
      select: setSelectedId,
      removeFile,
      changeProfile,
      changeSettings,
      chooseSheet,
      chooseTable,
      judge,
      setReportValues,
      scoreAndDownload,
      downloadAll,
      downloadSummary,
      chooseTemplate,
      clearTemplate: () => setTemplate(undefined),
    },
  };
}

export type WebPageState = ReturnType<typeof useWebPage>;
