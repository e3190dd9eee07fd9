/**
 * 一键评分 on the ribbon, without Office: run one scoring run on the active sheet, then tell the
 * user what happened in a small message box, and only then tell Office the command is done.
 *
 * Why the box stays open until the user closes it, and completed() comes after: a function
 * command's dialog belongs to the command's own hidden page, and `event.completed()` lets Office
 * close that page ("the add-in has completed processing and will automatically be closed",
 * Office.AddinCommands.Event). Dialogs opened from it are then closed with it on some clients
 * (OfficeDev/office-js#428, #1452; a maintainer-run sample needed completed() only after the dialog
 * closed: Office-Add-in-Dialog-API-Simple-Example#10). Office also ends a command that has not
 * completed after 5 minutes from the click (manifest <Action> reference; office-js-docs-pr#4854),
 * so the box is given only what is left of COMMAND_BUDGET_MS, counted from the click: a slow run
 * (a large sheet read in parts on the web) shortens the box's time, never Office's patience.
 *
 * A run that wrote saves its undo record in the workbook (WorkbookHost.saveLastRuns, merged into
 * the sheet's earlier record by src/app/last-runs.ts), in the workbook's undo part after the write.
 * The pane offers 撤销本次评分 for it (when it is opened, or at once when it is open: it reads the
 * saved runs again when it regains focus); the message says so, or says that the record was too
 * large to keep.
 *
 * A client may keep this page loaded between clicks while the pane saves settings meanwhile. So the
 * settings are read from the document before the run (WorkbookHost.refreshSettings), and the undo
 * record is merged into what the document holds when it is saved, never into this page's copy.
 *
 * commands.ts wires this to Office.js; the tests drive it with a fake host and a fake dialog.
 */
import type { Problem } from '../engine/evaluation';
import { formatNumber } from '../engine/messages';
import { saveRuns, withRun, type UndoKept } from '../app/last-runs';
import { scoreActiveSheet, type ScoringRun } from '../app/scoring-run';
import { HostError, type UndoRecord, type WorkbookHost } from '../app/ports';
import type { MessageBoxContent, MessageLanguage } from './message';

export interface CommandEvent {
  completed(): void;
}

/**
 * Office ends a function command 5 minutes after the click; the box closes itself 30 seconds
 * before, so that its closing and completed() still reach Office in time.
 */
export const COMMAND_BUDGET_MS = 4.5 * 60 * 1000;

/** Less than this left: no box at all, Office would close it before anyone read it. */
const SHORTEST_BOX_MS = 5 * 1000;

export interface ScoreCommandDeps {
  createHost(): WorkbookHost;
  /** Show the box for at most `timeoutMs`; resolves when the user has closed it (or it was closed for them). */
  showMessage(content: MessageBoxContent, timeoutMs: number): Promise<void>;
  /** Milliseconds now (Date.now by default): when the click came, and how much time is left. */
  now?: () => number;
  language: MessageLanguage;
  /** Requirement sets this Excel lacks (src/office/requirements.ts); none when omitted. */
  missingRequirements?: () => string[];
}

/** The ribbon button's handler: score, show the outcome, then complete, exactly once, whatever fails. */
export async function runScoreCommand(event: CommandEvent, deps: ScoreCommandDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  const clicked = now();
  try {
    const content = await scoreAndDescribe(deps);
    const left = clicked + COMMAND_BUDGET_MS - now();
    if (left >= SHORTEST_BOX_MS) await deps.showMessage(content, left);
  } catch {
    // The box could not be shown (blocked, or Office refused): there is no one left to tell.
  } finally {
    event.completed();
  }
}

/** Everything before the box: never throws, every failure becomes a message. */
export async function scoreAndDescribe(deps: ScoreCommandDeps): Promise<MessageBoxContent> {
  const lang = deps.language;
  try {
    const missing = deps.missingRequirements?.() ?? [];
    if (missing.length > 0) return describeMissingRequirements(missing, lang);
    const host = deps.createHost();
    // The saved settings decide the scores: unreadable, nothing is scored (the message says why).
    await host.refreshSettings();
    const run = await scoreActiveSheet(host, host.loadSettings());
    const undo = run.written ? await keepForUndo(host, run.undo) : undefined;
    return describeRun(run, lang, undo);
  } catch (error) {
    return describeError(error, lang);
  }
}

/**
 * Save the run's record for the pane's 撤销本次评分, merged into the sheet's record as the document
 * holds it when it is saved (the pane may have saved since this page loaded). This page closes
 * with the command, so a record not saved (too large, or the save failed) is gone.
 */
export async function keepForUndo(host: WorkbookHost, record: UndoRecord): Promise<UndoKept> {
  const { kept } = await saveRuns(host, (saved) => withRun(saved, record), record.sheet);
  return kept;
}

// ───────────────────────────── messages ─────────────────────────────

const zh = (lang: MessageLanguage): boolean => lang === 'zh-CN';

/** Office's and the engine's messages mostly lack a full stop; a message box reads better with one. */
function sentence(text: string, lang: MessageLanguage): string {
  const t = text.trim();
  if (!t || /[。！？.!?…]$/.test(t)) return t;
  return t + (zh(lang) ? '。' : '.');
}

const SHOWN_PROBLEMS = 3;
const SEVERITY_ORDER: Record<Problem['severity'], number> = { error: 0, warning: 1, info: 2 };

/** `undo`: what became of the run's undo record (omitted: say nothing about undo). */
export function describeRun(run: ScoringRun, lang: MessageLanguage, undo?: UndoKept): MessageBoxContent {
  if (!run.written) {
    const outcome = run.outcome;
    const lines = [sentence(zh(lang) ? outcome.message : outcome.messageEn, lang)];
    if (outcome.failure === 'no-table') {
      lines.push(
        zh(lang)
          ? '如需从零开始填写，请点击“打开助手”，使用其中的“插入标准自评表模板”新建一张标准自评表。'
          : 'To start from scratch, choose Open Assistant and use "Insert the standard form" to add a blank standard self-evaluation sheet.',
      );
    } else {
      lines.push(zh(lang) ? '点击“打开助手”可查看识别情况和处理办法。' : 'Choose Open Assistant to see what was found and what to do.');
    }
    return { lang, kind: 'warning', title: zh(lang) ? '未能评分' : 'Nothing was scored', lines, notice: 'not-scored' };
  }

  const e = run.outcome.evaluation;
  const total = formatNumber(e.totalScore);
  const issues = e.problems.filter((p) => p.severity !== 'info').sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const lines = zh(lang)
    ? [
        `工作表“${e.sheet}”已完成评分：总分 ${total} 分，等级为“${e.grade}”。`,
        `共评 ${e.indicators.length} 项指标，得分和偏差标记已写入表格${undo === 'saved' ? '；如需撤销，可点击“打开助手”，再点击“撤销本次评分”' : ''}。`,
      ]
    : [
        `Sheet "${e.sheet}" is scored: total ${total}, grade "${e.grade}".`,
        `${e.indicators.length} indicators were scored; the scores and deviation flags are in the sheet.${undo === 'saved' ? ' To undo this, choose Open Assistant, then Undo this scoring.' : ''}`,
      ];
  if (issues.length === 0) {
    lines.push(zh(lang) ? '未发现需要处理的问题。' : 'No problems need your attention.');
  } else {
    lines.push(
      zh(lang)
        ? `有 ${issues.length} 个问题需要处理${issues.length > SHOWN_PROBLEMS ? '，主要有' : ''}：`
        : `${issues.length} problem${issues.length === 1 ? '' : 's'} need${issues.length === 1 ? 's' : ''} your attention${issues.length > SHOWN_PROBLEMS ? ', among them' : ''}:`,
    );
    for (const p of issues.slice(0, SHOWN_PROBLEMS)) lines.push(`· ${sentence(zh(lang) ? p.message : p.messageEn, lang)}`);
    if (issues.length > SHOWN_PROBLEMS) {
      const rest = issues.length - SHOWN_PROBLEMS;
      lines.push(zh(lang) ? `其余 ${rest} 个问题，请点击“打开助手”查看。` : `Choose Open Assistant to see the other ${rest}.`);
    }
  }
  if (undo === 'too-large' || undo === 'not-saved') lines.push(UNDO_NOT_KEPT[undo][zh(lang) ? 0 : 1]);
  // The warning icon only when something needs the user (an error, or a warning that asks them to
  // act); the title then says what. Info-level notes alone (a formula kept, a score replaced) keep
  // the success icon and the plain title.
  return {
    lang,
    kind: issues.length === 0 ? 'success' : 'warning',
    title: issues.length === 0 ? (zh(lang) ? '评分完成' : 'Scoring complete') : attentionTitle(issues, lang),
    lines,
    notice: issues.length === 0 ? 'scored' : 'scored-attention',
  };
}

/** What a problem asks of the user, for the title: one of a few kinds, in this order. */
type Attention = 'missing-actual' | 'needs-judgement' | 'note-required' | 'error' | 'check';
const ATTENTION_ORDER: Attention[] = ['error', 'missing-actual', 'needs-judgement', 'note-required', 'check'];
const ATTENTION_WORDS: Record<Attention, [(n: number) => string, (n: number) => string]> = {
  'missing-actual': [(n) => `${n} 项缺实际完成值`, (n) => `${n} row${n === 1 ? '' : 's'} without an actual value`],
  'needs-judgement': [(n) => `${n} 项待人工评定`, (n) => `${n} row${n === 1 ? '' : 's'} awaiting your judgement`],
  'note-required': [(n) => `${n} 处需说明原因`, (n) => `${n} deviation${n === 1 ? '' : 's'} to explain`],
  error: [(n) => `${n} 处需改正`, (n) => `${n} error${n === 1 ? '' : 's'} to correct`],
  check: [(n) => `${n} 处需核对`, (n) => `${n} thing${n === 1 ? '' : 's'} to check`],
};

function attentionOf(problem: Problem): Attention | undefined {
  // "the total is provisional" only sums up the rows counted under their own kind.
  if (problem.code === 'provisional-total') return undefined;
  if (problem.code === 'missing-actual' || problem.code === 'entered-score-missing') return 'missing-actual';
  if (problem.code === 'needs-judgement') return 'needs-judgement';
  if (problem.code === 'note-required' || (problem.code === 'funds-low-rate' && problem.message.includes('需说明原因'))) return 'note-required';
  return problem.severity === 'error' ? 'error' : 'check';
}

/** "评分完成，1 项待人工评定、1 处需说明原因": what needs the user, counted by kind (at most three kinds named). */
export function attentionTitle(issues: Problem[], lang: MessageLanguage): string {
  const counts = new Map<Attention, number>();
  for (const problem of issues) {
    const kind = attentionOf(problem);
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  if (counts.size === 0) counts.set('check', issues.length);
  const parts = ATTENTION_ORDER.filter((kind) => counts.has(kind)).map((kind) => ATTENTION_WORDS[kind][zh(lang) ? 0 : 1](counts.get(kind) ?? 0));
  const named = parts.slice(0, 3);
  const more = parts.length > named.length;
  return zh(lang) ? `评分完成，${named.join('、')}${more ? '等' : ''}` : `Scored: ${named.join(', ')}${more ? ' and more' : ''}`;
}

const UNDO_NOT_KEPT: Record<'too-large' | 'not-saved', [string, string]> = {
  'too-large': [
    '本次改写的单元格较多，撤销记录超出工作簿可保存的大小，未能保存，因此无法在助手中撤销本次评分。',
    'This run changed too many cells for its undo record to be saved in the workbook, so it cannot be undone from the assistant.',
  ],
  'not-saved': [
    '撤销记录未能保存到工作簿，因此无法在助手中撤销本次评分。',
    'The undo record could not be saved in the workbook, so this run cannot be undone from the assistant.',
  ],
};

const HOST_ERROR_TITLES: Record<HostError['code'], [string, string]> = {
  protected: ['工作表受保护', 'The sheet is protected'],
  editing: ['单元格正在编辑', 'A cell is being edited'],
  busy: ['Excel 正忙', 'Excel is busy'],
  stale: ['评分未完成', 'Scoring did not finish'],
  unknown: ['评分未完成', 'Scoring did not finish'],
};

export function describeError(error: unknown, lang: MessageLanguage): MessageBoxContent {
  if (error instanceof HostError) {
    const [titleZh, titleEn] = HOST_ERROR_TITLES[error.code];
    const lines = [sentence(zh(lang) ? error.message : error.messageEn, lang)];
    if (error.code === 'unknown' || error.code === 'stale') {
      lines.push(
        zh(lang) ? '请稍后再点击“一键评分”；如问题持续出现，请点击“打开助手”查看。' : 'Try Score again shortly; if it keeps failing, choose Open Assistant.',
      );
    }
    return { lang, kind: error.code === 'unknown' ? 'error' : 'warning', title: zh(lang) ? titleZh : titleEn, lines, notice: 'not-scored' };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    lang,
    kind: 'error',
    title: zh(lang) ? '评分未完成' : 'Scoring did not finish',
    lines: zh(lang)
      ? [sentence(`评分过程中出现错误：${detail}`, lang), '请稍后再点击“一键评分”；如问题持续出现，请点击“打开助手”查看。']
      : [sentence(`Scoring failed: ${detail}`, lang), 'Try Score again shortly; if it keeps failing, choose Open Assistant.'],
    notice: 'not-scored',
  };
}

export function describeMissingRequirements(missing: string[], lang: MessageLanguage): MessageBoxContent {
  return {
    lang,
    kind: 'error',
    title: zh(lang) ? 'Office 版本过旧' : 'This Office is too old',
    lines: zh(lang)
      ? [
          `当前 Office 版本过旧，缺少本加载项所需的功能（${missing.join('、')}），未进行评分。`,
          '请升级到 Microsoft 365 或 Office 2021 及以上版本，或使用网页版 Excel。',
        ]
      : [
          `This version of Office lacks features the add-in needs (${missing.join(', ')}); nothing was scored.`,
          'Please upgrade to Microsoft 365 or Office 2021 or later, or use Excel on the web.',
        ],
    notice: 'old-office',
  };
}
