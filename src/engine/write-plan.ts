/** The cells a scoring run writes. The engine decides what and where; a host only applies it. */

export type WriteRole =
  | 'score'
  | 'weight'
  | 'flag'
  /** A column header or row label the run adds (a new 偏差标记 column, a 总分 row). */
  | 'header'
  | 'funds-rate'
  | 'funds-score'
  | 'total'
  | 'grade';

/** Traffic-light fills, as ARGB (the form both exceljs and the xlsx styles part use). */
export const FILLS = {
  green: 'FFC6EFCE',
  amber: 'FFFFEB9C',
  red: 'FFFFC7CE',
} as const;

export type FillName = keyof typeof FILLS;

export interface CellWrite {
  /** A1 address on the plan's sheet. */
  address: string;
  value: number | string;
  role: WriteRole;
  fill?: FillName;
  /** Excel number format code to apply, e.g. "0.00%" for the execution rate. */
  numberFormat?: string;
  /** A short comment for hosts that can attach one. */
  note?: string;
}

export interface WritePlan {
  sheet: string;
  writes: CellWrite[];
  /** Result cells that were left alone (a formula in them), with the reason, for the summary. */
  kept: { address: string; reason: string }[];
}

/** Excel's sheet size (XFD1048576): a write past it makes a file Excel cannot open. */
export const SHEET_LIMITS = { rows: 1_048_576, columns: 16_384 } as const;
