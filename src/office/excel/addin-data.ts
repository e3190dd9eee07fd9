/**
 * The add-in's data in the open workbook (its settings, and the last scoring run of each sheet for
 * 撤销本次评分), kept in custom XML parts (addin-data-parts.ts says why there and in what form) and
 * read and written with Excel.run (Excel.CustomXmlPartCollection, ExcelApi 1.5).
 *
 * Each page of the add-in (the task pane, the ribbon command's function file) keeps a copy of what
 * it last read, for the pane to show at once. refresh() reads the parts again; every save reads the
 * part it changes first, in the same Excel.run, and writes a value computed from what the document
 * holds then (a run merged in, a run taken out), never from the page's copy. A page's operations run
 * one at a time. (Another page can still write between a save's read and its write, one round trip
 * apart: two saves of the same kind at almost the same moment keep the later one.)
 *
 * Two pages that saved a kind at the same moment may each have added a part: the parts of a kind
 * are all read (the undo records of all of them, the first valid settings), and the next save
 * writes one and deletes the others.
 *
 * Where a workbook has no part of a kind yet, what an earlier build saved in Office.Settings is read
 * instead (office/excel/legacy-settings.ts), and dropped once the part is written.
 */
import { fitLastRuns, followSheets, LAST_RUNS_MAX_BYTES, packLooks, type SheetName } from '../../app/last-runs';
import { addinDataValue, addinDataXml, ADDIN_DATA_NAMESPACES, type AddinDataKind } from '../../app/addin-data-parts';
import { toHostError } from './errors';
import { forgetLegacy, legacyValue } from './legacy-settings';
import { runAfterCellEdit, type ExcelRunner } from './run';
import { loadSheetKey, sheetKeyOf } from './sheet-key';
import { sanitiseLastRuns } from '../../app/last-runs-format';
import { isPlain, sanitiseSettings } from '../../app/settings';
import { HostError, type LastRunsChange, type LastRunsSaved, type UndoRecord, type WorkbookSettings } from '../../app/ports';

export interface AddinDataStore {
  /**
   * Read the document's parts into this page's copy. Rejects with HostError; the copy is then kept.
   * `wait`: wait while the user edits a cell (the pane's first read) instead of failing at once.
   */
  refresh(wait?: boolean): Promise<void>;
  /** The settings in this page's copy. */
  settings(): WorkbookSettings;
  /** The saved runs in this page's copy, one per sheet, the oldest first. */
  lastRuns(): UndoRecord[];
  saveSettings(value: WorkbookSettings): Promise<void>;
  /** Apply `change` to the runs the document holds and save what fits in `maxBytes` (see fitLastRuns). */
  saveLastRuns(change: LastRunsChange, maxBytes?: number): Promise<LastRunsSaved>;
}

interface StoredKind {
  /** The ids of the kind's parts, in the document's order. */
  ids: string[];
  /** What they hold, or what an earlier build saved when there is no part. */
  value: unknown;
}

export interface AddinDataOptions {
  /**
   * Runs a read (office/excel/run.ts). Saves always wait while the user edits a cell: nobody watches
   * them. A read the pane makes on focus fails at once instead, so that it never holds up the saves
   * queued behind it.
   */
  run: ExcelRunner;
  /** This page's Office.Settings, where earlier builds saved; undefined outside Office. */
  legacy: () => Office.Settings | undefined;
}

export function createAddinDataStore({ run, legacy }: AddinDataOptions): AddinDataStore {
  // Until the first read, what the page's Office.Settings holds (an earlier build's, or nothing).
  let pageCopy: { settings: WorkbookSettings; lastRuns: UndoRecord[] } | undefined;
  const copy = () =>
    (pageCopy ??= {
      settings: sanitiseSettings(legacyValue(legacy(), 'settings')),
      lastRuns: sanitiseLastRuns(legacyValue(legacy(), 'lastRuns')),
    });
  /**
   * This page tried to read the document's settings and could not, and has not since: its
   * settings are the defaults (or an earlier build's), and saving them would replace the real ones.
   */
  let unreadable = false;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation, operation);
    queue = result.catch(() => undefined);
    return result;
  };

  /**
   * The kinds' parts as the document holds them now, and the workbook's sheets (which the undo
   * records follow by id): two syncs, the parts and sheets, then the parts' XML.
   */
  async function read(context: Excel.RequestContext, kinds: AddinDataKind[]): Promise<{ stored: StoredKind[]; sheets: SheetName[] }> {
    const scoped = kinds.map((kind) => context.workbook.customXmlParts.getByNamespace(ADDIN_DATA_NAMESPACES[kind]).load('items/id'));
    // the sheets matter only to undo records (followSheets)
    const worksheets = kinds.includes('lastRuns') ? context.workbook.worksheets.load('items/name,items/id') : undefined;
    await context.sync();
    const xml = scoped.map((parts) => parts.items.map((part) => ({ id: part.id, xml: part.getXml() })));
    const anyParts = xml.some((parts) => parts.length > 0);
    // the sheets' keys matter only to undo records, which are in a part
    const keys = anyParts && worksheets ? worksheets.items.map(loadSheetKey) : [];
    if (anyParts) await context.sync();
    const sheets = (worksheets?.items ?? []).map((sheet, i): SheetName => {
      const key = keys[i] ? sheetKeyOf(keys[i]) : undefined;
      return { name: sheet.name, id: sheet.id, ...(key ? { key } : {}) };
    });
    const stored = kinds.map((kind, i): StoredKind => {
      const parts = xml[i];
      if (parts.length === 0) return { ids: [], value: legacyValue(legacy(), kind) };
      const values = parts.map((part) => addinDataValue(kind, part.xml.value));
      const value = kind === 'lastRuns' ? values.flatMap((v) => (Array.isArray(v) ? v : [])) : values.find(isPlain);
      return { ids: parts.map((part) => part.id), value };
    });
    return { stored, sheets };
  }

  /** The kind's value written into its first part (the others deleted), or a new part. */
  function write(context: Excel.RequestContext, kind: AddinDataKind, stored: StoredKind, value: unknown): void {
    const xml = addinDataXml(kind, value);
    const [first, ...extra] = stored.ids;
    if (first === undefined) context.workbook.customXmlParts.add(xml);
    else context.workbook.customXmlParts.getItem(first).setXml(xml);
    for (const id of extra) context.workbook.customXmlParts.getItem(id).delete();
  }

  /**
   * Read the kind, compute what to save from it, and write it when it changed (or to merge parts
   * two pages added at once). Nothing is written when the read fails, nor the old key dropped
   * unless the part was written.
   */
  async function change<T>(
    kind: AddinDataKind,
    decide: (current: unknown, sheets: SheetName[]) => { value: unknown; changed: boolean; answer: T },
    failed: [string, string],
  ): Promise<T> {
    const progress = { wrote: false, writing: false };
    try {
      const answer = await runAfterCellEdit(async (context) => {
        const {
          stored: [stored],
          sheets,
        } = await read(context, [kind]);
        const decided = decide(stored.value, sheets);
        if (decided.changed || stored.ids.length > 1) {
          progress.writing = true;
          write(context, kind, stored, decided.value);
          await context.sync();
          progress.wrote = true;
        }
        return decided.answer;
      });
      if (progress.wrote) await forgetLegacy(legacy(), kind);
      return answer;
    } catch (error) {
      throw progress.writing ? prefixed(error, failed) : readFailed(error);
    }
  }

  return {
    refresh: (wait = false) =>
      oneAtATime(async () => {
        try {
          const {
            stored: [settings, lastRuns],
            sheets,
          } = await (wait ? runAfterCellEdit : run)((context) => read(context, ['settings', 'lastRuns']));
          pageCopy = { settings: sanitiseSettings(settings.value), lastRuns: followSheets(sanitiseLastRuns(lastRuns.value), sheets) };
          unreadable = false;
        } catch (error) {
          unreadable = true;
          throw readFailed(error);
        }
      }),
    settings: () => copy().settings,
    lastRuns: () => copy().lastRuns,
    saveSettings: (value) =>
      oneAtATime(async () => {
        // The value is the page's whole settings: made from defaults because the saved ones could
        // not be read, it would replace them (the profile, every judgement) with the defaults.
        if (unreadable) throw notReadYet();
        const settings = sanitiseSettings(value);
        await change('settings', () => ({ value: settings, changed: true, answer: undefined }), [
          '设置未能保存到工作簿：',
          'The settings could not be saved in the workbook: ',
        ]);
        pageCopy = { ...copy(), settings };
      }),
    saveLastRuns: (apply, maxBytes = LAST_RUNS_MAX_BYTES) =>
      oneAtATime(async () => {
        const answer = await change(
          'lastRuns',
          (current, sheets) => {
            const saved = sanitiseLastRuns(current);
            // renamed sheets' records under their names now, deleted sheets' records gone
            const before = followSheets(saved, sheets);
            const { kept, skipped } = fitLastRuns(sanitiseLastRuns(apply(before.slice())), maxBytes);
            const changed = JSON.stringify(kept) !== JSON.stringify(saved);
            return { value: kept.map(packLooks), changed, answer: { saved: changed ? kept : before, skipped } };
          },
          ['撤销记录未能保存到工作簿：', 'The undo record could not be saved in the workbook: '],
        );
        pageCopy = { ...copy(), lastRuns: answer.saved };
        return answer;
      }),
  };
}

function notReadYet(): HostError {
  return new HostError(
    'stale',
    '尚未读出工作簿中保存的评分设置，为免覆盖，本次更改未保存。请关闭任务窗格后重新打开，再作更改',
    'The scoring settings saved in the workbook have not been read yet, so this change was not saved (it would have replaced them). Close the task pane, open it again, then make the change',
  );
}

function readFailed(error: unknown): HostError {
  return prefixed(error, ['未能读取工作簿中保存的设置：', 'The settings saved in the workbook could not be read: ']);
}

/** The error as a HostError whose message starts by saying what failed. */
function prefixed(error: unknown, [zh, en]: [string, string]): HostError {
  const base = toHostError(error, { kind: 'read' });
  return new HostError(base.code, `${zh}${base.message}`, `${en}${base.messageEn}`);
}
