/**
 * The report model: what the 绩效自评报告 says, independent of how it is drawn. Renderers
 * (src/render) turn it into .docx, HTML or plain text. Pure: no Node, DOM, Office or clock.
 */
import type { Evaluation } from '../evaluation';
import { cleanLine, cleanParagraphs, chineseDate } from './format';
import { clampLevel, headingNumber, type Level } from './numbering';
import { OUTLINES, type OutlineNode } from './outlines';
import { makeContext, PIECES, type Context } from './pieces';
import { indicatorTable } from './table';
import { ReportError } from './errors';

export type OutlineId = 'special-fund' | 'hunan-unit' | 'yunnan';
export const OUTLINE_IDS: readonly OutlineId[] = ['special-fund', 'hunan-unit', 'yunnan'];

/** The generated pieces of text; each can be replaced by the user's own (ReportSettings.sections). */
export const SECTION_IDS = [
  'intro',
  'allocation',
  'target-setting',
  'work',
  'implementation',
  'score',
  'funds-arrival',
  'funds-execution',
  'funds-management',
  'outputs',
  'benefits',
  'satisfaction',
  'deviation',
  'improvement',
  'application',
  'evidence',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface ReportSettings {
  /** 单位名称 for the title and the signature; defaults to the sheet's 实施单位. */
  unit?: string;
  /** 项目名称; defaults to the sheet's. */
  project?: string;
  year?: number;
  /** 成文日期, YYYY-MM-DD. The engine has no clock: without it the report shows a placeholder. */
  date?: string;
  outline?: OutlineId;
  /** Free text that replaces a generated piece; line breaks start new paragraphs. */
  sections?: Partial<Record<SectionId, string>>;
}

export interface Run {
  text: string;
  bold?: boolean;
  /** Something the user must fill in or check: drawn highlighted. */
  placeholder?: boolean;
}

export interface Heading {
  type: 'heading';
  level: Level;
  /** "一、", "（一）", "1." … */
  number: string;
  text: string;
}

export interface Paragraph {
  type: 'paragraph';
  runs: Run[];
  align?: 'left' | 'center' | 'right';
  /** First-line indent of two characters; true unless said otherwise. */
  indent?: boolean;
}

export interface TableCell {
  runs: Run[];
  /** The cell covers this many rows; the cells it covers are left out of the rows below. */
  rowSpan?: number;
  colSpan?: number;
  align?: 'left' | 'center';
  bold?: boolean;
}

export interface ReportTable {
  type: 'table';
  caption?: string;
  /** Column titles and relative widths (they add up to 100). */
  columns: { title: string; width: number; align: 'left' | 'center' }[];
  rows: TableCell[][];
}

export type Block = Heading | Paragraph | ReportTable;

export interface Section {
  /** The generated piece this section's own text came from, when it has one. */
  id?: SectionId;
  heading?: Heading;
  blocks: Block[];
  sections: Section[];
}

export interface ReportModel {
  outline: OutlineId;
  title: Run[];
  sections: Section[];
  signature: { unit: Run[]; date: Run[] };
}

export const UNIT_PLACEHOLDER = '【请填写单位名称】';
export const DATE_PLACEHOLDER = '【请填写日期】';
export const PROJECT_PLACEHOLDER = '【请填写项目名称】';

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

export interface ResolvedSettings {
  unit?: string;
  project?: string;
  year?: number;
  date?: string;
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

function buildSections(
  ctx: Context,
  nodes: OutlineNode[],
  depth: number,
  custom: Partial<Record<SectionId, string>>,
): Section[] {
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

/** The report as one list of blocks, in reading order. */
export function flattenSections(sections: Section[]): Block[] {
  return sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.blocks, ...flattenSections(s.sections)]);
}

export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** Plain text of blocks, one line per paragraph or heading (tables are left to the caller). */
export function blocksToLines(blocks: Block[]): string[] {
  return blocks.flatMap((b) =>
    b.type === 'heading' ? [`${b.number}${b.text}`] : b.type === 'paragraph' ? [runsText(b.runs)] : [],
  );
}

/** The table as a full grid: covered positions are null, so columns line up. */
export function tableGrid(table: ReportTable): (TableCell | null)[][] {
  const width = table.columns.length;
  const grid: (TableCell | null)[][] = table.rows.map(() => new Array<TableCell | null>(width).fill(null));
  const taken = table.rows.map(() => new Array<boolean>(width).fill(false));
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < width && taken[r][c]) c++;
      if (c >= width) break;
      grid[r][c] = cell;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) {
          if (taken[r + dr] && c + dc < width) taken[r + dr][c + dc] = true;
        }
      }
      c += cell.colSpan ?? 1;
    }
  });
  return grid;
}
