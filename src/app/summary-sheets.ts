/**
 * How the batch summary is laid out as sheets: names, titles, column headings and what kind of
 * figure each column holds. One layout for every place that shows it (the summary .xlsx, and the
 * add-in's 评分汇总 sheet), so that headings are worded once. How it looks is app/summary-look.ts.
 */
import { SUMMARY_MONEY_UNIT, type BatchSummary, type GradeTier } from './batch-summary';

/**
 * What a column holds, which decides its number format and width: `amount` money in 万元, `percent`
 * a fraction shown as a percentage, `score` points to 2 decimals, `count` and `index` whole numbers,
 * `year` a year (no thousands separator), `grade` a grade label coloured by its tier; text that
 * wraps: `text` short names (units, sheets), `long-text` longer names (projects, indicators, files),
 * `notes` sentences (problems, reasons, messages).
 */
export type ColumnKind = 'index' | 'text' | 'long-text' | 'notes' | 'year' | 'amount' | 'percent' | 'score' | 'count' | 'grade';

/** A row as the sheets read it: the fields the columns name; numbers and text are shown, anything else left blank. */
export type SheetRow = Readonly<Record<string, unknown>>;

export interface SummaryColumn {
  key: string;
  heading: string;
  kind: ColumnKind;
}

export interface SummarySheet {
  name: string;
  /** A line above the header row, for print: the header row itself stays a clean filterable row. */
  title: string;
  columns: SummaryColumn[];
  rows: readonly SheetRow[];
  /** The grade tier of each row, for colouring its grade (汇总 only). */
  tiers?: GradeTier[];
  /** A totals row under the rows, keyed like them (汇总 only). */
  totals?: SheetRow;
  /** The one row a sheet with nothing to list holds. */
  empty: string;
}

const col = (key: string, heading: string, kind: ColumnKind): SummaryColumn => ({ key, heading, kind });

const SUMMARY_COLUMNS: SummaryColumn[] = [
  col('index', '序号', 'index'),
  col('file', '文件', 'long-text'),
  col('sheet', '工作表', 'text'),
  col('department', '主管部门', 'text'),
  col('unit', '实施单位', 'text'),
  col('project', '项目名称', 'long-text'),
  col('year', '年度', 'year'),
  col('budget', `全年预算数（${SUMMARY_MONEY_UNIT}）`, 'amount'),
  col('executed', `全年执行数（${SUMMARY_MONEY_UNIT}）`, 'amount'),
  col('rate', '执行率', 'percent'),
  col('fundsScore', '资金得分', 'score'),
  col('enteredTotal', '单位自评总分', 'score'),
  col('totalScore', '按规则计算总分', 'score'),
  col('difference', '差额（自评－计算）', 'score'),
  col('grade', '等级', 'grade'),
  col('met', '达标', 'count'),
  col('exceeded', '超额', 'count'),
  col('unmet', '未达标', 'count'),
  col('pending', '待评定', 'count'),
  col('unreadable', '无法识别', 'count'),
  col('problemCount', '提示条数', 'count'),
  col('problems', '主要问题', 'notes'),
];

const DIFFERENCE_COLUMNS: SummaryColumn[] = [
  col('file', '文件', 'long-text'),
  col('sheet', '工作表', 'text'),
  col('row', '行号', 'index'),
  col('cell', '得分单元格', 'text'),
  col('level1', '一级指标', 'text'),
  col('level3', '三级指标', 'long-text'),
  col('target', '年度指标值', 'text'),
  col('actual', '实际完成值', 'text'),
  col('weight', '分值', 'score'),
  col('entered', '单位自评得分', 'score'),
  col('score', '按规则计算得分', 'score'),
  col('difference', '差额（自评－计算）', 'score'),
  col('reason', '差异原因', 'notes'),
];

const UNEXPLAINED_COLUMNS: SummaryColumn[] = [
  col('file', '文件', 'long-text'),
  col('sheet', '工作表', 'text'),
  col('row', '行号', 'index'),
  col('level1', '一级指标', 'text'),
  col('level3', '三级指标', 'long-text'),
  col('target', '年度指标值', 'text'),
  col('actual', '实际完成值', 'text'),
  col('weight', '分值', 'score'),
  col('score', '得分', 'score'),
  col('situation', '偏差情况', 'notes'),
  col('noteCell', '应填写偏差原因的单元格', 'text'),
];

const FAILURE_COLUMNS: SummaryColumn[] = [col('file', '文件', 'long-text'), col('sheet', '工作表', 'text'), col('message', '未能评分的原因', 'notes')];

/**
 * What the summary covers: a batch of files (the command line, the 网页版), or the one workbook the
 * add-in runs in, where a 文件 column would repeat the same name on every row and is left out.
 */
export type SummaryScope = 'files' | 'workbook';

const withoutFile = (columns: SummaryColumn[]) => columns.filter((column) => column.key !== 'file');

export function summarySheets(summary: BatchSummary, scope: SummaryScope = 'files'): SummarySheet[] {
  const { totals } = summary;
  const inWorkbook = scope === 'workbook';
  const columns = (all: SummaryColumn[]) => (inWorkbook ? withoutFile(all) : all);
  return [
    {
      name: '汇总',
      title: '项目支出绩效自评汇总表',
      columns: columns(SUMMARY_COLUMNS),
      rows: summary.tables,
      tiers: summary.tables.map((t) => t.gradeTier),
      totals: {
        // the label in the first column of names
        [inWorkbook ? 'sheet' : 'file']: totals.label,
        budget: totals.budget,
        executed: totals.executed,
        rate: totals.rate,
        met: totals.met,
        exceeded: totals.exceeded,
        unmet: totals.unmet,
        pending: totals.pending,
        unreadable: totals.unreadable,
      },
      empty: inWorkbook ? '本工作簿中没有评出分数的自评表，原因见“未能评分”表。' : '本批文件中没有评出分数的自评表，原因见“未能评分”表。',
    },
    {
      name: '复核差异',
      title: '自评得分与按规则计算得分不一致的指标',
      columns: columns(DIFFERENCE_COLUMNS),
      rows: summary.differences,
      empty: '各表所填得分均与按规则计算的得分一致。',
    },
    {
      name: '偏差未说明',
      title: '未完成或超目标较多、未填写偏差原因的指标',
      columns: columns(UNEXPLAINED_COLUMNS),
      rows: summary.unexplained,
      empty: '需要说明偏差原因的指标均已填写原因。',
    },
    {
      name: '未能评分',
      title: inWorkbook ? '未能评分的工作表' : '未能评分的文件和工作表',
      columns: columns(FAILURE_COLUMNS),
      rows: summary.failures,
      empty: inWorkbook ? '本工作簿中的自评表均已评分。' : '本批文件均已评分。',
    },
  ];
}
