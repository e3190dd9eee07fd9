/** Types for scripts/real-tables.js: the corpus of real published tables (issue 8). */
export interface ExpectedRow {
  row: number;
  level3: string;
  weight?: number;
  score?: number;
  status: string;
  unambiguous: boolean;
  why?: string;
}
export interface Transcription {
  id: string;
  source: string;
  retrieved?: string;
  province: string;
  publisher?: string;
  year?: number;
  form?: string;
  transcription?: string;
  sheet?: string;
  cells: (string | number | boolean | null)[][];
  merges?: string[];
  published?: { total?: number; grade?: string; fundsScore?: number; rowScores?: Record<string, number> };
  expected: {
    rows: ExpectedRow[];
    funds?: { rate?: number; score?: number };
    total?: number;
    grade?: string;
    /**
     * The rows the rules leave to the user, settled as `note` explains (a tier's default share, or a
     * share of the weight), as a user settles them with --judge: the total and grade are compared after.
     */
    judgements?: Record<string, 'achieved' | 'partial' | 'failed' | number>;
  };
}
export const CORPUS: string;
export function readCorpus(dir?: string): { file: string; table: Transcription }[];
export function workbookFromTranscription(table: Transcription): Promise<Uint8Array>;
