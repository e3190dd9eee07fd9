/**
 * The report builder: drafts the report model (model.ts) for an evaluation. Pure: no Node, DOM,
 * Office or clock.
 */
import type { Evaluation } from '../evaluation';
import { cleanLine, cleanParagraphs, chineseDate } from './format';
import { clampLevel, headingNumber } from './numbering';
import { OUTLINES, type OutlineNode } from './outlines';
import { makeContext, PIECES, type Context } from './pieces';
import { indicatorTable } from './table';
import { ReportError } from './errors';
import {
  OUTLINE_IDS,
  UNIT_PLACEHOLDER,
  DATE_PLACEHOLDER,
  PROJECT_PLACEHOLDER,
  type Block,
  type Heading,
  type Paragraph,
  type ReportModel,
  type ReportSettings,
  type ResolvedSettings,
  type Run,
  type Section,
  type SectionId,
} from './model';

/** Draft the report for an evaluation. Throws ReportError only for settings that are wrong, not missing. */
export function buildReport(evaluation: Evaluation, settings: ReportSettings = {}): ReportModel {
  const outline = settings.outline ?? 'special-fund';
  const ctx = reportContext(evaluation, settings);
  return {
    outline,
    title: titleRuns(ctx),
    sections: buildSections(ctx, OUTLINES[outline], 1, settings.sections ?? {}),
    signature: {
      unit: ctx.unit ? [{ text: ctx.unit }] : [{ text: UNIT_PLACEHOLDER, placeholder: true }],
      date: ctx.date ? [{ text: ctx.date }] : [{ text: DATE_PLACEHOLDER, placeholder: true }],
    },
  };
}

/** What every piece of the report draws on; shared with the template's data. */
export function reportContext(evaluation: Evaluation, settings: ReportSettings): Context {
  const outline = settings.outline ?? 'special-fund';
  if (!Object.prototype.hasOwnProperty.call(OUTLINES, outline)) {
    throw new ReportError(
      'unknown-outline',
      `未知的报告提纲“${outline}”，可选：${OUTLINE_IDS.join('、')}`,
      `Unknown report outline "${outline}"; choose one of ${OUTLINE_IDS.join(', ')}`,
    );
  }
  return makeContext(evaluation, resolveSettings(evaluation, settings), OUTLINES[outline]);
}

/** A piece's blocks: the user's own text when given, else the generated one. */
export function pieceBlocks(ctx: Context, id: SectionId, depth: number, custom: ReportSettings['sections'] = {}): Block[] {
  const own = cleanParagraphs(custom[id]);
  return own.length ? own.map((text): Paragraph => ({ type: 'paragraph', runs: [{ text }] })) : PIECES[id](ctx, depth);
}

function resolveSettings(evaluation: Evaluation, settings: ReportSettings): ResolvedSettings {
  const p = evaluation.project;
  const pick = (...values: (string | undefined)[]) => values.map(cleanLine).find((v) => v !== '');
  let date: string | undefined;
  if (cleanLine(settings.date) !== '') {
    date = chineseDate(cleanLine(settings.date));
    if (!date) {
      throw new ReportError(
        'bad-date',
        `日期“${settings.date}”无效，请按 YYYY-MM-DD 填写，例如 2025-06-11`,
        `Invalid date "${settings.date}"; use YYYY-MM-DD, e.g. 2025-06-11`,
      );
    }
  }
  const year = settings.year ?? p.year;
  return {
    unit: pick(settings.unit, p.unit, p.department),
    project: pick(settings.project, p.name),
    year: year !== undefined && Number.isInteger(year) ? year : undefined,
    date,
  };
}

function titleRuns(ctx: Context): Run[] {
  if (!ctx.project) return [{ text: PROJECT_PLACEHOLDER, placeholder: true }, { text: '绩效自评报告' }];
  // Without a unit the title simply starts with the project: a placeholder in a title reads badly.
  return [{ text: `${ctx.unit ?? ''}${ctx.projectWithYear}绩效自评报告` }];
}

function buildSections(ctx: Context, nodes: OutlineNode[], depth: number, custom: Partial<Record<SectionId, string>>): Section[] {
  let n = 0;
  return nodes.map((node) => {
    const heading: Heading | undefined = node.title
      ? { type: 'heading', level: clampLevel(depth), number: headingNumber(depth, ++n), text: node.title }
      : undefined;
    const blocks: Block[] = node.piece ? pieceBlocks(ctx, node.piece, depth, custom) : [];
    if (node.table) blocks.push(indicatorTable(ctx));
    return { id: node.piece, heading, blocks, sections: buildSections(ctx, node.children ?? [], depth + 1, custom) };
  });
}
