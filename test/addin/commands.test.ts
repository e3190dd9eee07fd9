/**
 * 一键评分 on the ribbon (src/commands/score-command.ts), with a fake workbook host and a fake
 * message box: what the box says, that nothing else is written, and that Office is told the
 * command is done exactly once, only after the box has been shown and closed.
 */
import { DEFAULT_SETTINGS } from '../../src/app/scoring-run';
import type { WritePlan } from '../../src/engine/write-plan';
import { evaluateGrid } from '../../src/engine/evaluate';
import type { Grid } from '../../src/engine/grid';
import {
  HostError,
  type LastRunsChange,
  type LastRunsSaved,
  type SheetSnapshot,
  type UndoRecord,
  type UndoResult,
  type WorkbookHost,
} from '../../src/app/ports';
import {
  decodeMessage,
  encodeMessage,
  messageLanguage,
  messagePageUrl,
  readPageQuery,
  type MessageBoxContent,
  type MessageLanguage,
} from '../../src/commands/message';
import { COMMAND_BUDGET_MS, runScoreCommand, type ScoreCommandDeps } from '../../src/commands/score-command';
import { gridFromRows, standardForm, type StandardRow } from '../helpers/grid-builder';

const FULL_MARKS: StandardRow[] = [
  { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '100人', weight: 50 },
  { level1: '效益指标', level2: '社会效益指标', level3: '群众知晓率', target: '≥90%', actual: '95%', weight: 30 },
  { level1: '满意度指标', level2: '服务对象满意度指标', level3: '满意度', target: '≥90%', actual: '92%', weight: 10 },
];

/** A host over one Grid that records what it was asked to do. */
class FakeHost implements WorkbookHost {
  plans: WritePlan[] = [];
  /** The harness's log, once the command has created this host. */
  log: string[] = [];
  /** What saveLastRuns was given. */
  savedRuns: UndoRecord[][] = [];
  constructor(
    private readonly grid: Grid,
    private readonly options: {
      protected?: boolean;
      readError?: Error;
      lastRuns?: UndoRecord[];
      saveRunsError?: Error;
      skipRuns?: boolean;
      refreshError?: Error;
    } = {},
  ) {}
  async readActiveSheet(): Promise<SheetSnapshot> {
    this.log.push('read');
    if (this.options.readError) throw this.options.readError;
    return { grid: this.grid, protected: this.options.protected ?? false };
  }
  async applyPlan(plan: WritePlan): Promise<UndoRecord> {
    this.log.push('write');
    this.plans.push(plan);
    return { sheet: this.grid.sheet, cells: plan.writes.map((w) => ({ address: w.address, value: '', numberFormat: 'General', fill: null })) };
  }
  async undo(): Promise<UndoResult> {
    return { restored: 0, keptEdited: [], keptUnknown: [] };
  }
  async selectCell(): Promise<void> {}
  async onActiveSheetChanged(): Promise<() => Promise<void>> {
    return async () => {};
  }
  async insertTemplateSheet(): Promise<string> {
    return '自评表';
  }
  async refreshSettings(): Promise<void> {
    this.log.push('refresh');
    if (this.options.refreshError) throw this.options.refreshError;
  }
  loadSettings() {
    this.log.push('settings');
    return DEFAULT_SETTINGS;
  }
  async saveSettings(): Promise<void> {}
  loadLastRuns(): UndoRecord[] {
    return this.options.lastRuns ?? [];
  }
  /** The change applied to the runs the document holds (options.lastRuns), as the Excel host does. */
  async saveLastRuns(change: LastRunsChange): Promise<LastRunsSaved> {
    this.log.push('save-undo');
    if (this.options.saveRunsError) throw this.options.saveRunsError;
    const records = change((this.options.lastRuns ?? []).slice());
    this.savedRuns.push(records);
    return this.options.skipRuns ? { saved: [], skipped: records.map((r) => r.sheet) } : { saved: records, skipped: [] };
  }
}

interface Harness {
  log: string[];
  shown: MessageBoxContent[];
  host?: FakeHost;
  completed: number;
  run(): Promise<void>;
}

/** The command with a fake host and a message box that the "user" closes at once. */
function harness(
  host: FakeHost | (() => FakeHost),
  options: { language?: MessageLanguage; showMessage?: ScoreCommandDeps['showMessage']; missing?: string[] } = {},
): Harness {
  const h: Harness = {
    log: [],
    shown: [],
    completed: 0,
    run: () =>
      runScoreCommand(
        {
          completed: () => {
            h.completed += 1;
            h.log.push('completed');
          },
        },
        {
          createHost: () => {
            h.log.push('host');
            h.host = typeof host === 'function' ? host() : host;
            h.host.log = h.log;
            return h.host;
          },
          language: options.language ?? 'zh-CN',
          missingRequirements: () => options.missing ?? [],
          showMessage:
            options.showMessage ??
            (async (content) => {
              h.shown.push(content);
              h.log.push('shown');
              await new Promise((resolve) => setTimeout(resolve, 5));
              h.log.push('closed');
            }),
        },
      ),
  };
  return h;
}

describe('一键评分: a sheet that scores', () => {
  it('writes the plan once and tells the total, the grade and that there is nothing to fix', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS)));
    await h.run();
    expect(h.host!.plans).toHaveLength(1);
    expect(h.shown).toEqual([
      {
        lang: 'zh-CN',
        kind: 'success',
        title: '评分完成',
        lines: [
          '工作表“自评表”已完成评分：总分 100 分，等级为“优”。',
          '共评 3 项指标，得分和偏差标记已写入表格；如需撤销，可点击“打开助手”，再点击“撤销本次评分”。',
          '未发现需要处理的问题。',
        ],
        notice: 'scored',
      },
    ]);
    // the undo record is saved after the write and before the box: the pane can undo the run
    expect(h.log).toEqual(['host', 'refresh', 'settings', 'read', 'write', 'save-undo', 'shown', 'closed', 'completed']);
    expect(h.host!.savedRuns).toHaveLength(1);
    expect(h.host!.savedRuns[0].map((r) => r.sheet)).toEqual(['自评表']);
    expect(h.completed).toBe(1);
  });

  it('counts the problems, lists the first three, errors first, and points to the pane for the rest', async () => {
    const rows: StandardRow[] = [
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '80人', weight: 20 },
      { level1: '产出指标', level2: '质量指标', level3: '合格率', target: '≥95%', actual: '约九成', weight: 20 },
      { level1: '产出指标', level2: '时效指标', level3: '完成时间', target: '2024年12月底前', actual: '', weight: 10 },
      { level1: '效益指标', level2: '社会效益指标', level3: '群众知晓率', target: '≥90%', actual: '60%', weight: 30 },
      { level1: '满意度指标', level2: '服务对象满意度指标', level3: '满意度', target: '≥90%', actual: '92人', weight: 10 },
    ];
    const h = harness(new FakeHost(standardForm(rows)));
    await h.run();
    const box = h.shown[0];
    expect(box.kind).toBe('warning');
    // The title says what needs the user, counted by kind, errors first (at most three kinds named).
    expect(box.title).toBe('评分完成，1 处需改正、1 项缺实际完成值、1 项待人工评定等');
    expect(box.lines[0]).toMatch(/^工作表“自评表”已完成评分：总分 [\d.]+ 分，等级为“[优良中差]”。$/);
    expect(box.lines[1]).toBe('共评 5 项指标，得分和偏差标记已写入表格；如需撤销，可点击“打开助手”，再点击“撤销本次评分”。');
    const count = /^有 (\d+) 个问题需要处理，主要有：$/.exec(box.lines[2]);
    expect(count).not.toBeNull();
    const problems = Number(count![1]);
    expect(problems).toBeGreaterThan(3);
    const listed = box.lines.filter((l) => l.startsWith('· '));
    expect(listed).toHaveLength(3);
    // The unit mismatch on the last row (an error) comes before the warnings, with its cell.
    expect(listed[0]).toMatch(/^· F14：实际完成值的单位“人”与指标值的单位“%”不一致/);
    expect(listed[1]).toMatch(/^· I10：本行未达到目标/);
    expect(listed.every((l) => /[。.]$/.test(l))).toBe(true);
    expect(box.lines[box.lines.length - 1]).toBe(`其余 ${problems - 3} 个问题，请点击“打开助手”查看。`);
    expect(h.completed).toBe(1);
  });

  it('speaks English to a non-Chinese Office', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS)), { language: 'en-US' });
    await h.run();
    expect(h.shown[0]).toEqual({
      lang: 'en-US',
      kind: 'success',
      title: 'Scoring complete',
      lines: [
        'Sheet "自评表" is scored: total 100, grade "优".',
        '3 indicators were scored; the scores and deviation flags are in the sheet. To undo this, choose Open Assistant, then Undo this scoring.',
        'No problems need your attention.',
      ],
      notice: 'scored',
    });
  });
});

describe('一键评分: the icon and title say whether anything needs the user', () => {
  it('info-level notes alone (weights spread evenly) keep the success icon and the plain title', async () => {
    // No 分值 column values: the engine spreads the weights and says so (an info note), nothing else.
    const rows = FULL_MARKS.map((row) => ({ ...row, weight: undefined }));
    const h = harness(new FakeHost(standardForm(rows)));
    await h.run();
    const box = h.shown[0];
    expect(h.host!.plans).toHaveLength(1);
    const outcome = evaluateGrid(standardForm(rows));
    if (!outcome.ok) throw new Error('the form must score');
    const problems = outcome.evaluation.problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === 'info')).toBe(true);
    expect(box.kind).toBe('success');
    expect(box.title).toBe('评分完成');
    expect(box.notice).toBe('scored');
    expect(box.lines.at(-1)).toBe('未发现需要处理的问题。');
  });

  it('a row well over target: the warning icon, and the title says a deviation needs explaining', async () => {
    const rows: StandardRow[] = [
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '200人', weight: 45 },
      { level1: '效益指标', level2: '社会效益指标', level3: '受益人数', target: '≥100人', actual: '100人', weight: 45 },
    ];
    const zh = harness(new FakeHost(standardForm(rows)));
    await zh.run();
    expect(zh.shown[0].kind).toBe('warning');
    expect(zh.shown[0].title).toBe('评分完成，1 处需说明原因');
    // Where the content cannot be sent (no DialogApi 1.2), the fixed notice still warns.
    expect(zh.shown[0].notice).toBe('scored-attention');
    const en = harness(new FakeHost(standardForm(rows)), { language: 'en-US' });
    await en.run();
    expect(en.shown[0].kind).toBe('warning');
    expect(en.shown[0].title).toBe('Scored: 1 deviation to explain');
  });

  it('a missing actual and a pending judgement are named in the title', async () => {
    const rows: StandardRow[] = [
      { level1: '产出指标', level2: '数量指标', level3: '培训人数', target: '≥100人', actual: '', weight: 45 },
      { level1: '效益指标', level2: '社会效益指标', level3: '服务水平', target: '显著提升', actual: '一般', weight: 45 },
    ];
    const h = harness(new FakeHost(standardForm(rows)), { language: 'en-US' });
    await h.run();
    expect(h.shown[0].kind).toBe('warning');
    expect(h.shown[0].title).toBe('Scored: 1 row without an actual value, 1 row awaiting your judgement');
  });
});

describe('一键评分: the undo record', () => {
  const earlier: UndoRecord = {
    sheet: '自评表',
    cells: [
      { address: 'H10', value: 7, numberFormat: '0.00', fill: null },
      { address: 'Z99', value: '旧', numberFormat: 'General', fill: '#FFFF00' },
    ],
  };
  const other: UndoRecord = { sheet: '其他表', cells: [{ address: 'A1', value: 1, numberFormat: 'General', fill: null }] };

  it("merges into the sheet's saved record, keeping each cell's oldest value, and keeps the other sheets", async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS), { lastRuns: [earlier, other] }));
    await h.run();
    const [saved] = h.host!.savedRuns;
    expect(saved.map((r) => r.sheet)).toEqual(['其他表', '自评表']);
    const cells = saved[1].cells;
    expect(cells.slice(0, 2)).toEqual(earlier.cells); // the older values win
    expect(cells.filter((c) => c.address === 'H10')).toHaveLength(1);
    expect(cells.length).toBe(1 + h.host!.plans[0].writes.length); // Z99 and every cell of the run
  });

  it('too large to save: the box says the run cannot be undone from the assistant', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS), { skipRuns: true }));
    await h.run();
    const box = h.shown[0];
    expect(box.lines[1]).toBe('共评 3 项指标，得分和偏差标记已写入表格。');
    expect(box.lines.at(-1)).toBe('本次改写的单元格较多，撤销记录超出工作簿可保存的大小，未能保存，因此无法在助手中撤销本次评分。');
    expect(h.completed).toBe(1);
  });

  it('a failed save: the cells stay scored, the box says undo is not available', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS), { saveRunsError: new HostError('unknown', '保存失败', 'save failed') }), { language: 'en-US' });
    await h.run();
    const box = h.shown[0];
    expect(box.title).toBe('Scoring complete');
    expect(box.lines[1]).toBe('3 indicators were scored; the scores and deviation flags are in the sheet.');
    expect(box.lines.at(-1)).toBe('The undo record could not be saved in the workbook, so this run cannot be undone from the assistant.');
  });

  it('settings that cannot be read: nothing is scored, and the box says why', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS), { refreshError: new HostError('unknown', '读取失败', 'read failed') }));
    await h.run();
    expect(h.log).toEqual(['host', 'refresh', 'shown', 'closed', 'completed']);
    expect(h.shown[0].lines.join('')).toContain('读取失败');
  });

  it('nothing written, nothing saved', async () => {
    const h = harness(new FakeHost(gridFromRows([['会议纪要']], { sheet: 'Sheet1' })));
    await h.run();
    expect(h.host!.savedRuns).toEqual([]);
  });
});

describe('一键评分: nothing to score', () => {
  it('a sheet without a table: says so, suggests 打开助手 and its template button, writes nothing', async () => {
    const h = harness(new FakeHost(gridFromRows([['会议纪要'], ['时间', '2024年3月1日'], ['地点', '三楼会议室']], { sheet: 'Sheet1' })));
    await h.run();
    expect(h.host!.plans).toEqual([]);
    expect(h.shown).toEqual([
      {
        lang: 'zh-CN',
        kind: 'warning',
        title: '未能评分',
        lines: [
          '工作表“Sheet1”中未找到绩效指标表（需有“三级指标”和“年度指标值”等表头）。',
          '如需从零开始填写，请点击“打开助手”，使用其中的“插入标准自评表模板”新建一张标准自评表。',
        ],
        notice: 'not-scored',
      },
    ]);
    expect(h.log).toEqual(['host', 'refresh', 'settings', 'read', 'shown', 'closed', 'completed']);
  });

  it('the same in English', async () => {
    const h = harness(new FakeHost(gridFromRows([['Minutes']], { sheet: 'Sheet1' })), { language: 'en-US' });
    await h.run();
    expect(h.shown[0].title).toBe('Nothing was scored');
    expect(h.shown[0].lines[0]).toBe('No indicator table found on sheet "Sheet1" (expected headers such as 三级指标 and 年度指标值).');
    expect(h.shown[0].lines[1]).toContain('Open Assistant');
  });
});

describe('一键评分: the host refuses', () => {
  it('a protected sheet: the HostError message, nothing written', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS), { protected: true }));
    await h.run();
    expect(h.host!.plans).toEqual([]);
    expect(h.shown).toEqual([
      {
        lang: 'zh-CN',
        kind: 'warning',
        title: '工作表受保护',
        lines: ['工作表“自评表”受保护，未写入任何内容。请先在“审阅”选项卡中撤销工作表保护，再重试。'],
        notice: 'not-scored',
      },
    ]);
    expect(h.completed).toBe(1);
  });

  it('a cell being edited, or Excel busy: the HostError message in the user’s language', async () => {
    const editing = new HostError(
      'editing',
      '有单元格正处于编辑状态，请按 Enter 键结束编辑后重试',
      'A cell is being edited; press Enter to finish, then try again',
    );
    const zh = harness(new FakeHost(standardForm(FULL_MARKS), { readError: editing }));
    await zh.run();
    expect(zh.shown[0]).toEqual({
      lang: 'zh-CN',
      kind: 'warning',
      title: '单元格正在编辑',
      lines: ['有单元格正处于编辑状态，请按 Enter 键结束编辑后重试。'],
      notice: 'not-scored',
    });

    const busy = new HostError('busy', 'Excel 正忙，请稍后重试', 'Excel is busy; try again shortly');
    const en = harness(new FakeHost(standardForm(FULL_MARKS), { readError: busy }), { language: 'en-US' });
    await en.run();
    expect(en.shown[0]).toEqual({ lang: 'en-US', kind: 'warning', title: 'Excel is busy', lines: ['Excel is busy; try again shortly.'], notice: 'not-scored' });
    expect([zh.completed, en.completed]).toEqual([1, 1]);
  });

  it('an unexpected error: a message naming it, and completed() all the same', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS), { readError: new Error('RichApi.Error: GeneralException') }));
    await h.run();
    expect(h.shown[0].kind).toBe('error');
    expect(h.shown[0].title).toBe('评分未完成');
    expect(h.shown[0].lines[0]).toBe('评分过程中出现错误：RichApi.Error: GeneralException。');
    expect(h.completed).toBe(1);
  });

  it('an Office without the needed requirement sets: says which, and never touches the workbook', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS)), { missing: ['ExcelApi 1.9'] });
    await h.run();
    expect(h.log).toEqual(['shown', 'closed', 'completed']);
    expect(h.shown[0].title).toBe('Office 版本过旧');
    expect(h.shown[0].notice).toBe('old-office');
    expect(h.shown[0].lines).toEqual([
      '当前 Office 版本过旧，缺少本加载项所需的功能（ExcelApi 1.9），未进行评分。',
      '请升级到 Microsoft 365 或 Office 2021 及以上版本，或使用网页版 Excel。',
    ]);
  });

  it('a host that cannot even be created: still one message and one completed()', async () => {
    const h = harness(() => {
      throw new Error('Excel is not available');
    });
    await h.run();
    expect(h.shown).toHaveLength(1);
    expect(h.completed).toBe(1);
  });
});

describe('一键评分: completed() and the message box', () => {
  it('completes only after the box has been shown and closed', async () => {
    let close!: () => void;
    const h = harness(new FakeHost(standardForm(FULL_MARKS)), {
      showMessage: (content) => {
        h.shown.push(content);
        h.log.push('shown');
        return new Promise<void>((resolve) => {
          close = resolve;
        });
      },
    });
    const running = h.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.log).toEqual(['host', 'refresh', 'settings', 'read', 'write', 'save-undo', 'shown']);
    expect(h.completed).toBe(0);
    close();
    await running;
    expect(h.log).toEqual(['host', 'refresh', 'settings', 'read', 'write', 'save-undo', 'shown', 'completed']);
    expect(h.completed).toBe(1);
  });

  it('completes once when the box cannot be shown', async () => {
    const h = harness(new FakeHost(standardForm(FULL_MARKS)), {
      showMessage: async () => {
        h.log.push('refused');
        throw new Error('12009');
      },
    });
    await expect(h.run()).resolves.toBeUndefined();
    expect(h.log).toEqual(['host', 'refresh', 'settings', 'read', 'write', 'save-undo', 'refused', 'completed']);
    expect(h.completed).toBe(1);
  });
});

describe('一键评分: the 5 minutes Office gives a command count from the click', () => {
  /** A clock the test moves: the host's read takes `readMs`. */
  function slowRun(readMs: number) {
    let clock = 1_000_000;
    const given: number[] = [];
    const host = new FakeHost(standardForm(FULL_MARKS));
    const read = host.readActiveSheet.bind(host);
    host.readActiveSheet = async () => {
      clock += readMs;
      return read();
    };
    let completed = 0;
    const run = runScoreCommand(
      { completed: () => void completed++ },
      {
        createHost: () => host,
        language: 'zh-CN',
        now: () => clock,
        showMessage: async (_content, timeoutMs) => void given.push(timeoutMs),
      },
    );
    return { run, given, completed: () => completed };
  }

  it('a quick run gives the box nearly all of the budget', async () => {
    const { run, given } = slowRun(2_000);
    await run;
    expect(given).toEqual([COMMAND_BUDGET_MS - 2_000]);
  });

  it('a slow run gives the box only what is left, so it closes before Office ends the command', async () => {
    const { run, given } = slowRun(4 * 60 * 1000);
    await run;
    expect(given).toEqual([COMMAND_BUDGET_MS - 4 * 60 * 1000]);
    expect(given[0]).toBeLessThan(5 * 60 * 1000 - 4 * 60 * 1000);
  });

  it('a run that used up the budget completes at once, without a box Office would cut off', async () => {
    const { run, given, completed } = slowRun(COMMAND_BUDGET_MS - 1_000);
    await run;
    expect(given).toEqual([]);
    expect(completed()).toBe(1);
  });
});

describe('the message box URL and message', () => {
  const content: MessageBoxContent = {
    lang: 'zh-CN',
    kind: 'warning',
    title: '评分完成',
    lines: ['总分 98.75 分', '· E15：无法识别“约十人”&?#='],
    notice: 'scored',
  };

  it('is a fixed page beside the opener: its language, and a fixed notice only where the content cannot be sent', () => {
    const base = 'https://localhost:3000/commands.html?_host_Info=Excel$Win32$16.01$zh-CN#x';
    expect(messagePageUrl(base, 'zh-CN')).toBe('https://localhost:3000/message-dialog.html?lang=zh-CN');
    expect(messagePageUrl('https://h/a/b.html', 'en-US', 'not-scored')).toBe('https://h/a/message-dialog.html?lang=en-US&notice=not-scored');
    // Office appends its own _host_info parameter to a dialog's URL.
    expect(readPageQuery('?lang=en-US&notice=old-office&_host_Info=Excel$Win32$16.01')).toEqual({ lang: 'en-US', notice: 'old-office' });
    expect(readPageQuery('?lang=zh-CN&_host_Info=Excel')).toEqual({ lang: 'zh-CN' });
    expect(readPageQuery('?notice=%3Cscript%3E')).toEqual({ lang: 'zh-CN' });
  });

  it('carries the content to the page as a message, and back', () => {
    expect(decodeMessage(encodeMessage(content))).toEqual(content);
  });

  it('cuts very long lines: a message box is no place for a whole cell', () => {
    const long = decodeMessage(encodeMessage({ lang: 'en-US', kind: 'error', title: 't', lines: ['x'.repeat(1000)], notice: 'not-scored' }));
    expect(long!.lines[0]).toHaveLength(160);
  });

  it('rejects a malformed message', () => {
    expect(decodeMessage('')).toBeUndefined();
    expect(decodeMessage('{not-json')).toBeUndefined();
    expect(decodeMessage(JSON.stringify({ lang: 'zh-CN', kind: 'odd', title: 'x', lines: [] }))).toBeUndefined();
  });

  it('picks Chinese for any Chinese Office and English for the rest; Chinese when Office names none (app/language.ts)', () => {
    expect(['zh-CN', 'zh-TW', 'ZH-cn', 'en-US', 'ja-JP', undefined].map(messageLanguage)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'en-US', 'en-US', 'zh-CN']);
  });
});
