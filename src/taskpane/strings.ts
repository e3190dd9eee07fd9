/**
 * Every word the task pane shows. Chinese is the product's first language (the staff who fill in
 * 自评表 read it); English exists for Office installed in another language. The engine's own
 * messages (problems, failures) come bilingual from the engine and are picked with `lang`.
 */
import { productLanguage } from '../app/language';
import type { OutlineId } from '../engine/report/model';
import type { UndoResult } from '../app/ports';

/** An undo message names at most this many cells it left alone, and counts the rest. */
const NAMED_CELLS = 6;

/** The cells as the subject of a sentence: "H13、K13 " (a space before the Chinese that follows), "H13、… 等 8 个单元格". */
const zhCells = (addresses: string[]) =>
  addresses.length <= NAMED_CELLS ? `${addresses.join('、')} ` : `${addresses.slice(0, NAMED_CELLS).join('、')} 等 ${addresses.length} 个单元格`;

/**
 * After undo: all put back, or what was put back and what was kept. `done` opens the sentence
 * ("已撤销本次评分"), `event` is what the record undoes ("评分": "在评分后", "与评分前").
 */
function zhUndone(done: string, event: string, sheet: string, allBack: string, { restored, keptEdited, keptUnknown }: UndoResult): string {
  if (keptEdited.length === 0 && keptUnknown.length === 0) return `${done}：工作表“${sheet}”中${allBack}`;
  const kept: string[] = [];
  if (keptEdited.length > 0) kept.push(`${zhCells(keptEdited)}在${event}后已被修改，保留了修改后的内容`);
  if (keptUnknown.length > 0) {
    kept.push(
      `${zhCells(keptUnknown)}与${event}前不同，但这条撤销记录由旧版助手保存，无法判断是${event}结果还是您的修改，为免覆盖修改，保留了现有内容，请自行核对`,
    );
  }
  return restored > 0
    ? `${done}：工作表“${sheet}”中已恢复 ${restored} 个单元格；${kept.join('；')}。`
    : `未恢复任何单元格：工作表“${sheet}”中 ${kept.join('；')}。`;
}

function enCells(addresses: string[]): string {
  if (addresses.length === 1) return addresses[0];
  if (addresses.length <= NAMED_CELLS) return `${addresses.slice(0, -1).join(', ')} and ${addresses[addresses.length - 1]}`;
  const more = addresses.length - NAMED_CELLS;
  return `${addresses.slice(0, NAMED_CELLS).join(', ')} and ${more} more cell${more === 1 ? '' : 's'}`;
}

/** `event`: "scoring", "the columns were added"; `allBack`: the sentence when every cell was put back. */
function enUndone(done: string, event: string, sheet: string, allBack: string, { restored, keptEdited, keptUnknown }: UndoResult): string {
  if (keptEdited.length === 0 && keptUnknown.length === 0) return allBack;
  const kept: string[] = [];
  if (keptEdited.length > 0) kept.push(`${enCells(keptEdited)} changed after ${event}, so your changes were kept`);
  if (keptUnknown.length > 0) {
    const one = keptUnknown.length === 1;
    kept.push(
      `${enCells(keptUnknown)} ${one ? 'differs' : 'differ'} from before ${event}, but this undo record was saved by an earlier version of the add-in, which cannot tell its results from your edits, so ${one ? 'it was' : 'they were'} left as ${one ? 'it is' : 'they are'}: please check ${one ? 'it' : 'them'}`,
    );
  }
  return restored > 0
    ? `${done} on sheet "${sheet}": ${restored} cell${restored === 1 ? '' : 's'} restored; ${kept.join('; ')}.`
    : `Nothing was restored on sheet "${sheet}": ${kept.join('; ')}.`;
}

const zhCN = {
  lang: 'zh' as 'zh' | 'en',
  appTitle: '绩效自评助手',
  retry: '重试',
  dismiss: '关闭',
  notFilled: '未填写',

  // The "not supported" screen
  notSupportedTitle: '当前 Office 版本无法运行绩效自评助手',
  notSupportedOldWebview: '这台电脑上的 Office 使用旧版 Internet Explorer 组件显示加载项，绩效自评助手无法在其中运行。',
  notSupportedMissing: '当前 Office 版本较旧，缺少绩效自评助手所需的功能。',
  notSupportedDetail: (sets: string[]) => `供技术支持参考：缺少 ${sets.join('、')}`,
  notSupportedUpgrade: (app: string) =>
    `请将 Office 更新到最新版本（Microsoft 365，或 Office 2021 及以上版本）后重新打开；也可以在浏览器中使用 ${app} 网页版（office.com），无需安装。`,
  notSupportedNoHost: '请在 Excel 或 Word 中打开绩效自评助手。',
  notSupportedWebPage:
    '不经过 Office 也可以使用：用 Chrome、Edge、360 等浏览器打开绩效自评助手网页版，选择填好的自评表即可评分、下载评分副本并起草报告，文件不会上传。',
  webPageLink: '打开绩效自评助手网页版',

  // Reading the sheet
  reading: '正在读取工作表…',
  sheetHeading: (sheet: string) => `当前工作表：${sheet}`,
  projectName: '项目名称',
  unit: '实施单位',
  year: '年度',
  yearValue: (year: number) => `${year}年`,
  indicatorRows: '绩效指标',
  indicatorRowsValue: (n: number) => `${n} 项`,
  fundsTitle: '项目资金',
  fundsBudget: '预算数',
  fundsExecuted: '执行数',
  fundsRate: '执行率',
  fundsMissing: '表中未找到项目资金部分，预算执行率不计分。',
  previewTotal: (total: string, grade: string) => `按当前设置预计总分 ${total} 分，等级“${grade}”`,

  // Problems
  problemsTitle: (n: number) => `需要注意的问题（${n}）`,
  goToCell: (address: string) => `转到单元格 ${address}`,
  severity: { error: '错误', warning: '提醒', info: '说明' },

  // A sheet that cannot be scored yet
  noTableTitle: '本工作表中没有找到绩效自评表',
  noTableBody:
    '请切换到填好的《项目支出绩效自评表》所在的工作表，表中需有“三级指标”“年度指标值”“实际完成值”等表头。还没有自评表的，可以插入一张标准表样，照着填写。',
  insertTemplate: '插入标准自评表模板',
  inserting: '正在插入模板…',
  templateInserted: (sheet: string) => `已插入工作表“${sheet}”。请按表中提示填写，再在该表上点击“一键评分”。`,
  targetsOnlyTitle: '表中还没有实际完成值',
  targetsOnlyBody: '这张指标表只有年度指标值。可以先在表格右侧添加待填的列，填好实际完成值后再评分。',
  addColumns: '添加待填列',
  addingColumns: '正在添加…',
  columnsAdded: (names: string[]) => `已添加${names.map((name) => `“${name}”`).join('')}列。请填写实际完成值，再点击“一键评分”。`,
  noRowsTitle: '指标表中还没有指标',
  invalidWeightsTitle: '分值有误，暂不能评分',
  chooseTable: '本工作表中有多张指标表，请选择要评分的一张',
  tableOption: (row: number, label: string) => `第${row}行：${label}`,

  // Scoring
  score: '一键评分',
  scoring: '正在评分…',
  scored: (total: string, grade: string) => `评分完成：总分 ${total} 分，等级“${grade}”。结果已写入表中，可以撤销。`,
  resultsTitle: '评分结果',
  total: '总分',
  totalValue: (total: string) => `${total} 分`,
  grade: '等级',
  statusCounts: '各状态指标数',
  countValue: (label: string, n: number) => `${label} ${n} 项`,
  rowsTitle: '各项指标',
  rowNumber: (row: number) => `第${row}行`,
  rowScore: (score: string, weight: string) => `${score} / ${weight} 分`,
  targetToActual: (target: string, actual: string) => `${target} → ${actual}`,
  staleResults: '评分设置或人工评定已更改，表中仍为上次评分的结果；如需更新，请再次点击“一键评分”。',
  undo: '撤销本次评分',
  undoColumns: '撤销添加的列',
  undoing: '正在撤销…',
  // After undo; cells changed since the run are kept and named
  undone: (sheet: string, result: UndoResult) => zhUndone('已撤销本次评分', '评分', sheet, `被改写的 ${result.restored} 个单元格已恢复原样。`, result),
  columnsUndone: (sheet: string, result: UndoResult) => zhUndone('已撤销添加的列', '添加', sheet, ` ${result.restored} 个单元格已恢复原样。`, result),
  // After `scored`, when the run's undo record is kept only in the pane
  undoTooLarge: '本次改写的单元格较多，撤销记录超出工作簿可保存的大小，未能保存：关闭助手前仍可撤销，关闭后将无法撤销。',
  undoNotSaved: '撤销记录未能保存到工作簿：关闭助手前仍可撤销，关闭后将无法撤销。',

  // 汇总本工作簿
  workbookSummaryTitle: '汇总本工作簿',
  workbookSummaryHint:
    '按本工作簿保存的评分设置，对其中每一张自评表评分，并将汇总、复核差异、偏差未说明和未能评分情况写入“评分汇总”工作表。该表由助手生成，再次汇总时更新其内容；工作簿中已有同名工作表的，另建“评分汇总2”等，原表不作改动。',
  workbookSummaryWriteScores: '同时将评分结果写入各表（可在各表上撤销）',
  summariseWorkbook: '汇总本工作簿',
  workbookSummarised: (sheet: string, tables: number, failed: number, replaced: boolean) =>
    `已将本工作簿中 ${tables} 张自评表的评分结果汇总到工作表“${sheet}”${replaced ? '，并更新了该表原有内容' : ''}` +
    (failed > 0 ? `；有 ${failed} 张工作表未能评分，原因见该表中的“未能评分的工作表”。` : '。'),
  workbookScoresWritten: (n: number) => `评分结果已写入 ${n} 张表；需要撤销的，请切换到该表后点击“撤销本次评分”。`,
  workbookScoresProtected: (sheets: string[]) => `工作表${sheets.map((sheet) => `“${sheet}”`).join('、')}受保护，评分结果未写入。`,
  summarySheetTitle: '本表是助手生成的评分汇总表',
  summarySheetBody: '本表由“汇总本工作簿”生成，再次汇总时将更新其内容，请勿在表中填写需要保留的内容。评分请切换到自评表所在的工作表。',

  // Errors
  errorBusy: 'Excel 正忙（可能正在计算，或有其他操作尚未完成）。请稍候，再点击“重试”。',
  errorEditing: '有单元格正处于编辑状态。请先按 Enter 键或 Esc 键结束编辑，再点击“重试”。',
  errorUnknown: (detail: string) => `操作未能完成：${detail}`,
  errorGeneric: '操作未能完成。请重试；如果仍然不行，请关闭助手后重新打开。',
  settingsNotSaved: (detail: string) => `设置未能保存到工作簿：${detail}`,

  // Judgements
  judgementsTitle: (n: number) => `人工评定（${n}）`,
  judgementsHint: '定性指标和时效指标的完成情况可以由您评定，评定结果保存在本工作簿中，评分时按评定计分。',
  tier: '完成情况',
  tierAuto: '未评定（按表中文字判断）',
  tierAchieved: '达成',
  tierPartial: '部分达成',
  tierFailed: '未达成',
  share: (low: string, high: string) => `得分比例（${low}%–${high}%，可不填）`,
  shareDefault: (share: string) => `默认 ${share}%`,
  currentScore: (score: string, weight: string) => `当前得分 ${score} / ${weight} 分`,
  targetAndActual: (target: string, actual: string) => `指标值：${target}；实际完成值：${actual}`,

  // Settings
  settingsTitle: '评分设置',
  settingsHint: '设置只保存在本工作簿中；改动后，上方的预计总分随即更新。',
  settingsAdvanced: '高级：计分公式、执行率、等级和默认分值',
  settingsAdvancedHint: '以下设置已由所选评分规则给定，只在本地做法与规则不同时才需要调整。',
  profile: '评分规则',
  profileChosen: (name: string) => `所选规则：${name}`,
  reverseFormula: '越低越好的指标未达标时',
  reverseRatio: '比例法：指标值 ÷ 实际完成值 × 分值',
  reverseLinear: '线性法：(1 − (实际完成值 − 指标值) ÷ 指标值) × 分值，实际完成值达到指标值两倍及以上时得 0 分',
  overThreshold: '实际完成值达到指标值的多少时，标为“超目标较多”',
  overDeduction: '超目标较多时扣减的分数（填 0 则只提示、不扣分）',
  qualitativeBands: '定性指标分档',
  bands8060: '达成 ≥80%，部分达成 60%–80%，未达成 <60%',
  bands8050: '达成 ≥80%，部分达成 50%–80%，未达成 <50%',
  tierShares: '未人工评定时，各档得分占分值的比例',
  lateShare: '时效指标逾期完成时',
  lateJudge: '由人工评定',
  lateFixed: '按固定比例计分',
  lateShareValue: '逾期完成的得分比例',
  fundsDenominator: '预算执行率的分母',
  denominatorAdjusted: '全年预算数',
  denominatorInitial: '年初预算数',
  flagBelow: '执行率低于多少时提示',
  noteRequired: '执行率偏低时要求说明原因',
  totalCaps: '按执行率封顶总分',
  noCaps: '不封顶。',
  capBelow: '执行率低于',
  capMax: '总分最高',
  addCap: '添加一档封顶',
  remove: '删除',
  removeCap: (below: string) => `删除“执行率低于 ${below}%”这一档`,
  rebase: '有不适用的指标或缺少资金部分时，总分折算为百分制',
  grades: '等级分档',
  gradeLabel: '等级名称',
  gradeMin: '最低分',
  addGrade: '添加一个等级',
  newGrade: '新等级',
  removeGrade: (label: string) => `删除等级“${label}”`,
  defaultWeights: '表中未填分值时，一级指标的分值',
  weightFunds: '预算执行率',
  weightOutput: '产出指标',
  weightBenefit: '效益指标',
  weightSatisfaction: '满意度指标',
  keepScores: '保留表中已填的得分（视为人工认定的得分）',
  resetDefaults: '恢复默认',
  resetDone: '已恢复为所选评分规则的默认设置。',
  unitPercent: '%',
  unitPoints: '分',
  outOfRange: (min: number, max: number) => `请输入 ${min} 到 ${max} 之间的数`,
  notANumber: '请输入数字',
  labelRequired: '请填写等级名称',

  // Report
  reportTitle: '生成自评报告',
  reportHint: '按当前评分结果起草《绩效自评报告》（Word 文档），需要补充的内容以黄色【请填写…】标出，表中没有依据、请单位核实的句子以黄色【请核实：…】标出。',
  reportOptions: '更改落款单位、成文日期或提纲',
  reportUses: (unit: string, date: string, outline: string) => `落款：${unit}，${date}；提纲：${outline}`,
  dateText: (iso: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '日期留待填写';
  },
  reportUnit: '单位名称',
  reportDate: '成文日期',
  reportOutline: '报告提纲',
  outlines: { 'special-fund': '专项资金（默认）', 'hunan-unit': '湖南单位整体', yunnan: '云南' } satisfies Record<OutlineId, string>,
  generateReport: '生成自评报告',
  generating: '正在生成报告…',
  reportNeedsTable: '找到可评分的自评表后，才能生成报告。',

  // Word
  wordTitle: '从工作簿生成报告',
  wordIntro: '选择填好的自评表工作簿（.xlsx），助手按所选规则评分，再把起草好的绩效自评报告放进 Word 文档。文件只在本机处理，不会上传。',
  chooseFile: '选择工作簿（.xlsx）',
  readingFile: '正在读取并评分…',
  chosenFile: (name: string) => `已选择：${name}`,
  chooseSheet: '工作簿中有多张可评分的工作表，请选择',
  noScoreableSheet: '这个工作簿中没有可评分的自评表：',
  wordTotal: (total: string, grade: string) => `总分 ${total} 分，等级“${grade}”`,
  savedSettingsUsed: '此工作簿保存有在 Excel 中所做的评分设置（规则及调整、人工评定、所选表格），已按这些设置评分，与 Excel 中的结果一致。',
  savedSettingsOtherRules: '已改用所选规则（工作簿中保存的规则调整不再适用）；工作簿中保存的人工评定和所选表格仍按原样使用。',
  insertCurrent: '插入当前文档',
  insertNew: '新建文档',
  wordProblemsHint: '报告会把以下问题处留作黄色【请填写…】或按暂定分写入，可先在 Excel 中改正，或在下方人工评定。',
  wordJudgementsNote: '这里的人工评定只用于本次生成的报告，无法保存到所选工作簿；如需保存，请在 Excel 中评定。',

  // 网页版
  webTitle: '绩效自评助手（网页版）',
  webIntro: '选择或拖入填好的《项目支出绩效自评表》工作簿（.xlsx），即可评分、下载评分后的副本，并起草绩效自评报告。无需安装 Office 或加载项。',
  webPrivacy: '文件只在本机浏览器中处理，不会上传到任何地方；断网时同样可以使用。',
  webEmpty: '请在左侧选择或拖入工作簿。选中的文件的评分预览、需要注意的问题、人工评定和报告选项将显示在此处。',
  chooseFiles: '选择工作簿（.xlsx）',
  dropHint: '也可将一个或多个 .xlsx 文件拖放到此处',
  filesTitle: (n: number) => `已选择的文件（${n}）`,
  fileReading: '正在读取并评分…',
  fileUnreadable: '无法读取',
  fileNoTable: '未找到可评分的自评表',
  fileTotal: (total: string, grade: string) => `预计 ${total} 分，${grade}`,
  removeFile: (name: string) => `移除“${name}”`,
  removeShort: '移除',
  scoredDownloaded: (name: string) => `评分完成，评分后的副本已下载为“${name}”（原文件未作改动），请在浏览器的下载位置查看。`,
  scoreDownloadHint: '评分结果写入原文件的副本（原文件名.scored.xlsx）并下载；只改动得分、偏差标记、执行率、总分和等级等结果单元格。',
  downloadAll: '全部下载',
  downloadingAll: '正在打包…',
  downloadAllHint: '将所有文件的评分副本和自评报告打包为一个 .zip 文件下载。',
  zipName: '绩效自评结果.zip',
  allDownloaded: (name: string, n: number) => `已将 ${n} 个文件的评分副本和自评报告打包下载为“${name}”。`,
  allSkipped: (names: string[]) => `以下文件没有可评分的自评表，未打包：${names.map((name) => `“${name}”`).join('、')}。`,
  downloadSummary: '下载评分汇总',
  summarising: '正在汇总…',
  downloadSummaryHint: '将所选文件中各张自评表的评分结果汇总为一个工作簿下载，内含汇总、复核差异、偏差未说明和未能评分四张表，供部门汇总和财政复核使用。',
  summaryName: '评分汇总.xlsx',
  summaryDownloaded: (name: string, tables: number, failed: number) =>
    `已将 ${tables} 张自评表的评分结果汇总，下载为“${name}”` + (failed > 0 ? `；另有 ${failed} 个文件或工作表未能评分，原因见其中的“未能评分”表。` : '。'),
  templateTitle: '报告模板（可选）',
  templateHint: '可选用本单位的 Word 模板（.docx）生成报告；不选用时按党政机关公文格式排版。',
  chooseTemplate: '选择模板（.docx）',
  templateChosen: (name: string) => `已选用模板：${name}`,
  clearTemplate: '不用模板',
  webProblemsHint: '评分副本和报告会将以下问题处标出，或按暂定分写入。可在 Excel 或 WPS 中改正后重新选择文件，也可在下方人工评定。',
  webSettingsHint: '此处的评分设置只用于本页的评分和下载的副本、报告，不写入工作簿；改动后，下方的预计总分随即更新。',
  webJudgementsNote: '此处的人工评定用于本次下载的评分副本和报告，不写入工作簿中保存的评分设置；如需保存，请在 Excel 加载项中评定。',
};

export type Strings = typeof zhCN;

const enUS: Strings = {
  lang: 'en',
  appTitle: 'Performance Self-Evaluation Assistant',
  retry: 'Retry',
  dismiss: 'Dismiss',
  notFilled: 'not filled in',

  notSupportedTitle: 'This version of Office cannot run the assistant',
  notSupportedOldWebview: 'Office on this computer shows add-ins with the old Internet Explorer component, which the assistant cannot run in.',
  notSupportedMissing: 'This version of Office is too old: it lacks features the assistant needs.',
  notSupportedDetail: (sets: string[]) => `For technical support: missing ${sets.join(', ')}`,
  notSupportedUpgrade: (app: string) =>
    `Update Office to a current version (Microsoft 365, or Office 2021 or later) and open the add-in again, or use ${app} on the web (office.com) with nothing to install.`,
  notSupportedNoHost: 'Open the assistant from Excel or Word.',
  notSupportedWebPage:
    "It also works without Office: open the assistant's web page in Chrome, Edge or another current browser and choose a filled-in workbook to score it, download the scored copy and draft the report. Files are not uploaded.",
  webPageLink: "Open the assistant's web page",

  reading: 'Reading the sheet…',
  sheetHeading: (sheet: string) => `Sheet: ${sheet}`,
  projectName: 'Project',
  unit: 'Unit',
  year: 'Year',
  yearValue: (year: number) => String(year),
  indicatorRows: 'Indicators',
  indicatorRowsValue: (n: number) => `${n} rows`,
  fundsTitle: 'Funds',
  fundsBudget: 'Budget',
  fundsExecuted: 'Spent',
  fundsRate: 'Execution rate',
  fundsMissing: 'No funds block found on the sheet; the execution rate is not scored.',
  previewTotal: (total: string, grade: string) => `With the current settings the total would be ${total} (${grade})`,

  problemsTitle: (n: number) => `Things to check (${n})`,
  goToCell: (address: string) => `Go to cell ${address}`,
  severity: { error: 'Error', warning: 'Warning', info: 'Note' },

  noTableTitle: 'No self-evaluation table on this sheet',
  noTableBody:
    'Switch to the sheet holding your filled-in project expenditure self-evaluation form; it needs headers for the level-3 indicators, the annual targets and the actual values. If you have no form yet, insert the standard one and fill it in.',
  insertTemplate: 'Insert the standard form',
  inserting: 'Inserting the form…',
  templateInserted: (sheet: string) => `Inserted sheet "${sheet}". Fill it in, then click Score on that sheet.`,
  targetsOnlyTitle: 'The table has no actual values yet',
  targetsOnlyBody: 'This table holds targets only. Add the missing columns to the right of it, fill in the actual values, then score.',
  addColumns: 'Add the missing columns',
  addingColumns: 'Adding…',
  columnsAdded: (names: string[]) => `Added the columns ${names.join(', ')}. Fill in the actual values, then click Score.`,
  noRowsTitle: 'The table has no indicator rows yet',
  invalidWeightsTitle: 'Some points are wrong; the sheet cannot be scored yet',
  chooseTable: 'This sheet holds several indicator tables; choose the one to score',
  tableOption: (row: number, label: string) => `Row ${row}: ${label}`,

  score: 'Score',
  scoring: 'Scoring…',
  scored: (total: string, grade: string) => `Scored: total ${total}, grade "${grade}". The results are on the sheet; you can undo them.`,
  resultsTitle: 'Results',
  total: 'Total',
  totalValue: (total: string) => total,
  grade: 'Grade',
  statusCounts: 'Rows by status',
  countValue: (label: string, n: number) => `${label}: ${n}`,
  rowsTitle: 'Indicators',
  rowNumber: (row: number) => `Row ${row}`,
  rowScore: (score: string, weight: string) => `${score} / ${weight}`,
  targetToActual: (target: string, actual: string) => `${target} → ${actual}`,
  staleResults: 'The settings or judgements changed since the last run; the sheet still shows the old results. Click Score again to update it.',
  undo: 'Undo this scoring',
  undoColumns: 'Undo the added columns',
  undoing: 'Undoing…',
  undone: (sheet: string, result: UndoResult) =>
    enUndone('Scoring undone', 'scoring', sheet, `Scoring undone: ${result.restored} cells on sheet "${sheet}" are back as they were.`, result),
  columnsUndone: (sheet: string, result: UndoResult) =>
    enUndone(
      'Added columns undone',
      'the columns were added',
      sheet,
      `Added columns undone: ${result.restored} cells on sheet "${sheet}" are back as they were.`,
      result,
    ),
  undoTooLarge: ' This run changed too many cells for its undo record to be saved in the workbook: you can undo it until you close the pane, but not after.',
  undoNotSaved: ' The undo record could not be saved in the workbook: you can undo this run until you close the pane, but not after.',

  workbookSummaryTitle: 'Summarise this workbook',
  workbookSummaryHint:
    "Scores every table in this workbook with its saved settings and writes the summary, the scores that differ from the rules', the deviations without a reason and what could not be scored into a summary sheet of the assistant's own. The assistant updates that sheet on the next run; if a sheet of yours already has its name, a new one is added and yours is left alone.",
  workbookSummaryWriteScores: 'Also write the results into each table (can be undone on each sheet)',
  summariseWorkbook: 'Summarise this workbook',
  workbookSummarised: (sheet: string, tables: number, failed: number, replaced: boolean) =>
    `The results of ${tables} table${tables === 1 ? '' : 's'} in this workbook are summed up on sheet "${sheet}"${replaced ? ', replacing what it held' : ''}` +
    (failed > 0 ? `; ${failed} sheet${failed === 1 ? '' : 's'} could not be scored (see the last table there for why).` : '.'),
  workbookScoresWritten: (n: number) =>
    `The results were written into ${n} sheet${n === 1 ? '' : 's'}; to undo them, go to a sheet and click Undo this scoring.`,
  workbookScoresProtected: (sheets: string[]) => `Not written, being protected: ${sheets.map((sheet) => `"${sheet}"`).join(', ')}.`,
  summarySheetTitle: "This is the assistant's summary sheet",
  summarySheetBody:
    'It was written by Summarise this workbook and is updated on the next run: do not keep your own entries on it. To score a table, go to the sheet that holds it.',

  errorBusy: 'Excel is busy (a calculation or another operation is still running). Wait a moment, then click Retry.',
  errorEditing: 'A cell is being edited. Press Enter or Esc to finish editing, then click Retry.',
  errorUnknown: (detail: string) => `The operation did not complete: ${detail}`,
  errorGeneric: 'The operation did not complete. Try again; if it still fails, close the assistant and open it again.',
  settingsNotSaved: (detail: string) => `The settings could not be saved in the workbook: ${detail}`,

  judgementsTitle: (n: number) => `Your judgement (${n})`,
  judgementsHint: 'You can judge how far qualitative and deadline rows were achieved. Judgements are saved in this workbook and used when scoring.',
  tier: 'Achievement',
  tierAuto: 'Not judged (read from the sheet)',
  tierAchieved: 'Achieved',
  tierPartial: 'Partly achieved',
  tierFailed: 'Not achieved',
  share: (low: string, high: string) => `Share of the weight (${low}%–${high}%, optional)`,
  shareDefault: (share: string) => `default ${share}%`,
  currentScore: (score: string, weight: string) => `Now ${score} / ${weight}`,
  targetAndActual: (target: string, actual: string) => `Target: ${target}; actual: ${actual}`,

  settingsTitle: 'Scoring settings',
  settingsHint: 'Settings are saved in this workbook only; the projected total above updates as you change them.',
  settingsAdvanced: 'Advanced: formulas, execution rate, grades and default weights',
  settingsAdvancedHint: 'The rule profile sets all of these; change them only where your local practice differs.',
  profile: 'Rule profile',
  profileChosen: (name: string) => `Chosen: ${name}`,
  reverseFormula: 'Lower-is-better rows that miss their target',
  reverseRatio: 'Ratio: target ÷ actual × weight',
  reverseLinear: 'Linear: (1 − (actual − target) ÷ target) × weight; 0 at twice the target or more',
  overThreshold: 'Flag a row as well over target at this share of the target',
  overDeduction: 'Points taken off a row well over target (0: flag only)',
  qualitativeBands: 'Qualitative bands',
  bands8060: 'Achieved ≥80%, partly 60%–80%, not achieved <60%',
  bands8050: 'Achieved ≥80%, partly 50%–80%, not achieved <50%',
  tierShares: 'Share of the weight each band scores when not judged',
  lateShare: 'Deadline rows done late',
  lateJudge: 'Judged by you',
  lateFixed: 'A fixed share',
  lateShareValue: 'Share of the weight when late',
  fundsDenominator: 'Execution rate denominator',
  denominatorAdjusted: 'Full-year (adjusted) budget',
  denominatorInitial: 'Budget at the start of the year',
  flagBelow: 'Flag an execution rate below',
  noteRequired: 'A low execution rate needs an explanation',
  totalCaps: 'Cap the total by execution rate',
  noCaps: 'No caps.',
  capBelow: 'Rate below',
  capMax: 'Total at most',
  addCap: 'Add a cap',
  remove: 'Remove',
  removeCap: (below: string) => `Remove the cap for rates below ${below}%`,
  rebase: 'Rebase the total to 100 when rows are not applicable or the funds block is missing',
  grades: 'Grade bands',
  gradeLabel: 'Grade',
  gradeMin: 'From',
  addGrade: 'Add a grade',
  newGrade: 'New grade',
  removeGrade: (label: string) => `Remove grade "${label}"`,
  defaultWeights: 'Level-1 weights when the sheet has none',
  weightFunds: 'Execution rate',
  weightOutput: 'Outputs',
  weightBenefit: 'Benefits',
  weightSatisfaction: 'Satisfaction',
  keepScores: 'Keep scores already on the sheet (as set by hand)',
  resetDefaults: 'Restore defaults',
  resetDone: "Restored the rule profile's default settings.",
  unitPercent: '%',
  unitPoints: 'pts',
  outOfRange: (min: number, max: number) => `Enter a number from ${min} to ${max}`,
  notANumber: 'Enter a number',
  labelRequired: 'Enter a grade name',

  reportTitle: 'Draft the report',
  reportHint: 'Drafts the self-evaluation report (a Word document) from the current results; what you must add is marked in yellow.',
  reportOptions: 'Change the unit, date or outline',
  reportUses: (unit: string, date: string, outline: string) => `Signed by ${unit}, dated ${date}; outline: ${outline}`,
  dateText: (iso: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}` : 'no date (left to fill in)';
  },
  reportUnit: 'Unit name',
  reportDate: 'Date',
  reportOutline: 'Outline',
  outlines: { 'special-fund': 'Special fund (default)', 'hunan-unit': 'Hunan unit', yunnan: 'Yunnan' },
  generateReport: 'Draft the report',
  generating: 'Drafting the report…',
  reportNeedsTable: 'A report needs a table that can be scored.',

  wordTitle: 'Report from a workbook',
  wordIntro:
    'Choose a filled-in self-evaluation workbook (.xlsx). The assistant scores it with the chosen rules and puts the draft report into Word. The file stays on this computer.',
  chooseFile: 'Choose a workbook (.xlsx)',
  readingFile: 'Reading and scoring…',
  chosenFile: (name: string) => `Chosen: ${name}`,
  chooseSheet: 'The workbook has several sheets that can be scored; choose one',
  noScoreableSheet: 'The workbook has no table that can be scored:',
  wordTotal: (total: string, grade: string) => `Total ${total}, grade "${grade}"`,
  savedSettingsUsed:
    'This workbook holds the scoring settings made in Excel (rules and adjustments, judgements, chosen table); it was scored with them, as in Excel.',
  savedSettingsOtherRules:
    "Scored with the rules chosen here (the workbook's rule adjustments no longer apply); its saved judgements and chosen table still do.",
  insertCurrent: 'Insert into this document',
  insertNew: 'New document',
  wordProblemsHint: 'The report leaves these as yellow placeholders or provisional scores: correct them in Excel first, or judge the rows below.',
  wordJudgementsNote: 'Judgements made here apply to this report only; they cannot be saved into the chosen workbook (judge in Excel to keep them).',

  webTitle: 'Performance Self-Evaluation Assistant (web page)',
  webIntro:
    'Choose or drop filled-in self-evaluation workbooks (.xlsx) to score them, download the scored copies and draft the reports. No Office or add-in needed.',
  webPrivacy: 'Files are processed in this browser only and never uploaded; the page works offline.',
  webEmpty: "Choose or drop workbooks on the left. The chosen file's preview, problems, judgements and report options appear here.",
  chooseFiles: 'Choose workbooks (.xlsx)',
  dropHint: 'Or drop one or more .xlsx files here',
  filesTitle: (n: number) => `Chosen files (${n})`,
  fileReading: 'Reading and scoring…',
  fileUnreadable: 'Cannot be read',
  fileNoTable: 'No table that can be scored',
  fileTotal: (total: string, grade: string) => `Expected ${total}, ${grade}`,
  removeFile: (name: string) => `Remove "${name}"`,
  removeShort: 'Remove',
  scoredDownloaded: (name: string) =>
    `Scored. The scored copy was downloaded as "${name}" (the original is unchanged); look for it in your browser's downloads.`,
  scoreDownloadHint:
    'Writes the results into a copy of the file (name.scored.xlsx) and downloads it; only result cells (scores, flags, rate, total, grade) change.',
  downloadAll: 'Download all',
  downloadingAll: 'Packing…',
  downloadAllHint: 'Downloads the scored copies and reports of all files as one .zip file.',
  zipName: 'self-evaluation-results.zip',
  allDownloaded: (name: string, n: number) => `The scored copies and reports of ${n} file${n === 1 ? '' : 's'} were downloaded as "${name}".`,
  allSkipped: (names: string[]) => `Left out, having no table that can be scored: ${names.map((name) => `"${name}"`).join(', ')}.`,
  downloadSummary: 'Download the summary',
  summarising: 'Summing up…',
  downloadSummaryHint:
    "Sums up the results of every table in the chosen files in one workbook: the summary, the scores that differ from the rules', the deviations without a reason, and what could not be scored.",
  summaryName: 'score-summary.xlsx',
  summaryDownloaded: (name: string, tables: number, failed: number) =>
    `The results of ${tables} table${tables === 1 ? '' : 's'} were summed up and downloaded as "${name}"` +
    (failed > 0
      ? `; ${failed} file${failed === 1 ? '' : 's'} or sheet${failed === 1 ? '' : 's'} could not be scored (listed on the last sheet of the summary, with the reasons).`
      : '.'),
  templateTitle: 'Report template (optional)',
  templateHint: "Use your unit's own Word template (.docx) for the reports; without one, the official document layout is used.",
  chooseTemplate: 'Choose a template (.docx)',
  templateChosen: (name: string) => `Template: ${name}`,
  clearTemplate: 'No template',
  webProblemsHint:
    'The scored copy and the report mark these or use provisional scores. Correct them in Excel or WPS and choose the file again, or judge the rows below.',
  webSettingsHint:
    "Settings made here apply to this page's scoring and downloads only; they are not saved into the workbook. The projected total below updates as you change them.",
  webJudgementsNote:
    "Judgements made here apply to this page's downloads only; they are not saved into the workbook's settings (judge in the Excel add-in to keep them).",
};

export const STRINGS = { zh: zhCN, en: enUS } as const;

/** The pane's strings for Office's display language (app/language.ts decides). */
export function stringsFor(displayLanguage: string | undefined): Strings {
  return productLanguage(displayLanguage) === 'zh-CN' ? zhCN : enUS;
}

/** The engine's bilingual texts, picked for the pane's language. */
export function pick(strings: Strings, zh: string, en: string): string {
  return strings.lang === 'zh' ? zh : en;
}
