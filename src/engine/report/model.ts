/**
 * The report model: what the 绩效自评报告 says, independent of how it is drawn. Renderers
 * (src/render) turn it into .docx, HTML or plain text. Types and pure traversal only; the builder
 * is in build.ts. Pure: no Node, DOM, Office or clock.
 */
import type { Level } from './numbering';

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

export interface ResolvedSettings {
  unit?: string;
  project?: string;
  year?: number;
  date?: string;
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
  return blocks.flatMap((b) => (b.type === 'heading' ? [`${b.number}${b.text}`] : b.type === 'paragraph' ? [runsText(b.runs)] : []));
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
