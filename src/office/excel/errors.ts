/**
 * Office errors → HostError, so the pane can tell the user what to do in their language. Office
 * throws OfficeExtension.Error (name "RichApi.Error") with a string `code`; we read it by duck
 * typing so that fakes and the real runtime are treated alike.
 */
import { HostError } from '../../app/ports';

/** What the failing operation was touching, to word a protection error correctly. */
export type ErrorScene =
  /** Writing cells on a sheet (applyPlan, undo). */
  | { kind: 'sheet'; sheet?: string }
  /** Adding a sheet (the workbook's structure). */
  | { kind: 'workbook' }
  /** Reading, selecting, listening: nothing is written. */
  | { kind: 'read' };

interface OfficeErrorLike {
  code?: unknown;
  message?: unknown;
  debugInfo?: { code?: unknown; message?: unknown; errorLocation?: unknown };
}

/** Codes Excel uses when it cannot take the request right now; retrying shortly usually works. */
const BUSY_CODES = new Set([
  'ActivityLimitReached',
  'RequestAborted',
  'ServiceNotAvailable',
  'Conflict',
  'InsertDeleteConflict',
  'Timeout',
  'RequestTimeout',
  'WorkbookBusy',
]);

/**
 * GeneralException is Excel's catch-all; it means "busy" only when Office says so (co-authoring,
 * calculation, saving). Other GeneralExceptions are reported with Office's own text.
 */
const BUSY_WORDING = /busy|try again|retry|co-?auth|calculat|saving|繁忙|正忙|稍后|重试/i;

const PAYLOAD_CODES = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded', 'RangeExceedsLimit']);

export function officeErrorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as OfficeErrorLike;
  if (typeof e.code === 'string') return e.code;
  if (typeof e.debugInfo?.code === 'string') return e.debugInfo.code;
  return undefined;
}

function officeMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as OfficeErrorLike;
    if (typeof e.message === 'string' && e.message) return e.message;
    if (typeof e.debugInfo?.message === 'string') return e.debugInfo.message;
  }
  return String(error);
}

function protectedError(scene: ErrorScene): HostError {
  if (scene.kind === 'workbook') {
    return new HostError(
      'protected',
      '工作簿结构受保护，无法新增工作表。请先在“审阅”选项卡中撤销工作簿保护，再重试',
      'The workbook structure is protected, so no sheet can be added. Unprotect the workbook (Review tab), then try again',
    );
  }
  const name = scene.kind === 'sheet' && scene.sheet ? `“${scene.sheet}”` : '';
  const nameEn = scene.kind === 'sheet' && scene.sheet ? ` "${scene.sheet}"` : '';
  return new HostError(
    'protected',
    `工作表${name}受保护，未写入任何内容。请先在“审阅”选项卡中撤销工作表保护，再重试`,
    `Sheet${nameEn} is protected; nothing was written. Unprotect it (Review tab), then try again`,
  );
}

/**
 * A request Excel refused because the user is editing a cell. Excel names it
 * InvalidOperationInCellEditMode, but the RunOptions page says only that such a batch "will
 * automatically fail" (learn.microsoft.com/javascript/api/excel/excel.runoptions), and Excel has
 * been seen to answer with a plain InvalidOperation whose message speaks of the edit mode.
 * Either way nothing of the batch ran.
 */
export function isCellEditRefusal(error: unknown): boolean {
  const code = officeErrorCode(error);
  if (code === 'InvalidOperationInCellEditMode') return true;
  return code === 'InvalidOperation' && EDIT_MODE_WORDING.test(officeMessage(error));
}

const EDIT_MODE_WORDING = /edit(ing)?[ -]?mode|cell[ -]?edit|editing a cell|编辑模式|编辑单元格|单元格编辑/i;

/** Any error from an Excel.run → a HostError (a HostError passes through unchanged). */
export function toHostError(error: unknown, scene: ErrorScene): HostError {
  if (error instanceof HostError) return error;
  const code = officeErrorCode(error);
  const message = officeMessage(error);
  if (isCellEditRefusal(error)) {
    return new HostError('editing', '请先结束单元格编辑（按 Enter 或 Esc），再重试', 'Finish editing the cell (press Enter or Esc), then try again');
  }
  if (code === 'AccessDenied' && scene.kind !== 'read') return protectedError(scene);
  if (code !== undefined && (BUSY_CODES.has(code) || (code === 'GeneralException' && BUSY_WORDING.test(message)))) {
    return new HostError(
      'busy',
      'Excel 正忙（可能正在计算、保存或与他人协同编辑），请稍候片刻再试',
      'Excel is busy (calculating, saving or syncing with co-authors); wait a moment and try again',
    );
  }
  if (code === 'ItemNotFound' || code === 'InvalidReference') {
    return new HostError(
      'stale',
      '找不到要操作的工作表或单元格，可能已被删除或重命名。请切换到相应工作表后重试',
      'The sheet or cell could not be found; it may have been deleted or renamed. Switch to the sheet concerned and try again',
    );
  }
  if (code !== undefined && PAYLOAD_CODES.has(code)) {
    return new HostError(
      'unknown',
      `工作表数据量超出 Excel 单次处理的上限，请删除表格以外多余的行列后再试（${message}）`,
      `The sheet holds more data than Excel can transfer at once; delete unused rows and columns outside the table, then try again (${message})`,
    );
  }
  return new HostError('unknown', `Excel 报告了错误：${message}`, `Excel reported an error: ${message}`, { cause: error });
}

/** How putting back what a failed write had written went (office/excel/write.ts, rollBack). */
export interface WriteRollback {
  /** Cells the run had changed and that were put back as they were. */
  restored: number;
  /** The cells that may still hold something of the run's (value, number format or fill), as A1 ranges. */
  unrestored: string[];
  /** How many cells `unrestored` covers. */
  unrestoredCount: number;
}

/** Ranges named in a message at most; the count says how many cells there are in all. */
const LISTED_RANGES = 8;

/**
 * The error of a write that failed part way: Office keeps what the batch did before the failing
 * command, so the run's cells were put back first, and the message says how that went. "Nothing
 * was written" (the protection message) only when nothing of the run was left in the sheet: the
 * batch wrote nothing, or all it wrote was put back (and the message then says so). Otherwise the
 * message names the cells that may still hold the run's results; its code is then 'unknown'
 * unless 'protected' or 'stale', since the pane shows its own text for 'busy' and 'editing'.
 */
export function writeFailedError(error: unknown, scene: { kind: 'sheet'; sheet?: string }, rollback: WriteRollback): HostError {
  const base = toHostError(error, scene);
  const name = scene.sheet ? `“${scene.sheet}”` : '';
  const nameEn = scene.sheet ? ` "${scene.sheet}"` : '';
  if (rollback.unrestoredCount === 0 && rollback.restored === 0) return base;
  if (rollback.unrestoredCount === 0) {
    const n = rollback.restored;
    if (base.code === 'protected') {
      return new HostError(
        'protected',
        `工作表${name}受保护，有单元格不能写入；已写入的 ${n} 个单元格均已恢复原样，表格未被改动。请先在“审阅”选项卡中撤销工作表保护，再重试`,
        `Sheet${nameEn} is protected and some cells could not be written; the ${n} cell(s) already written were put back as they were, so the sheet is unchanged. Unprotect it (Review tab), then try again`,
      );
    }
    return new HostError(
      base.code,
      `${base.message}（已写入的 ${n} 个单元格均已恢复原样，表格未被改动）`,
      `${base.messageEn} (the ${n} cell(s) already written were put back as they were; the sheet is unchanged)`,
    );
  }
  const shown = rollback.unrestored.slice(0, LISTED_RANGES);
  const more = rollback.unrestored.length > shown.length;
  const list = `${shown.join('、')}${more ? ' 等' : ''}`;
  const listEn = `${shown.join(', ')}${more ? ', …' : ''}`;
  const reason = base.code === 'protected' ? `工作表${name}受保护` : base.message;
  const reasonEn = base.code === 'protected' ? `sheet${nameEn} is protected` : base.messageEn;
  return new HostError(
    base.code === 'protected' || base.code === 'stale' ? base.code : 'unknown',
    `评分结果未能全部写入（${reason}），且有 ${rollback.unrestoredCount} 个单元格未能恢复原样，可能仍是本次写入的内容、数字格式或填充颜色：${list}。请检查并更正这些单元格`,
    `Not all results could be written (${reasonEn}), and ${rollback.unrestoredCount} cell(s) could not be put back as they were; they may still hold this run's value, number format or fill: ${listEn}. Check and correct them`,
  );
}

/** Run an Office operation, turning whatever it throws into a HostError. */
export async function withHostErrors<T>(scene: ErrorScene, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toHostError(error, scene);
  }
}
