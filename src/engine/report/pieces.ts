/**
 * The generated pieces of the report. Each takes the depth of the heading it sits under, so that
 * its own numbered items continue the numbering correctly (一、 → （一） → 1. → （1） → ①).
 */
import { namesExecutionRate, type Evaluation, type FundsResult } from '../evaluation';
import { wholeSpendingOf } from '../locate/locate-project';
import type { Block, Paragraph, ResolvedSettings, Run, SectionId } from './model';
import { fundsDifferenceText, fundsMoneyText, type MoneyField } from '../money-text';
import { num, percent, quoteList, sentence } from './format';
import { GROUP_NAMES, describeRow, level2Groups, makeRow, needsData, type Group, type Row } from './indicators';
import { clampLevel, headingNumber } from './numbering';
import { titleOf, type OutlineNode } from './outlines';

export interface Context extends ResolvedSettings {
  evaluation: Evaluation;
  rows: Row[];
  funds?: FundsResult;
  /** "2024年全国两会信访维稳专项资金", with the year put in front when the name lacks it. */
  projectWithYear: string;
  /**
   * A form on a body's whole spending (部门整体支出绩效自评表) rather than on one project: the
   * report speaks of 本部门 or 本单位, not 本项目, and never of a project expenditure.
   */
  wholeSpending: boolean;
  /** How the report refers to what it evaluates: 本项目, 本部门 or 本单位. */
  subject: string;
  /** Where this outline explains deviations, for "原因分析见…" references; none where the report has no such part. */
  deviationTitle?: string;
  /** Where the measures go: "下一步改进措施", or "几点建议" where the outline asks for suggestions. */
  improvementTitle?: string;
  /** The pieces this report holds, so that no piece says what another one says. */
  pieces: ReadonlySet<SectionId>;
}

export function makeContext(evaluation: Evaluation, settings: ResolvedSettings, outline: OutlineNode[]): Context {
  const { project, year } = settings;
  const withYear = project && year !== undefined && !project.includes(String(year)) ? `${year}年度${project}` : project;
  const whole = wholeSpendingOf(project);
  return {
    ...settings,
    wholeSpending: whole !== undefined,
    subject: whole ? `本${whole}` : '本项目',
    evaluation,
    rows: evaluation.indicators.map(makeRow),
    funds: evaluation.funds,
    projectWithYear: withYear ?? '',
    deviationTitle: titleOf(outline, 'deviation'),
    improvementTitle: titleOf(outline, 'improvement'),
    pieces: piecesOf(outline),
  };
}

function piecesOf(nodes: OutlineNode[], into = new Set<SectionId>()): Set<SectionId> {
  for (const node of nodes) {
    if (node.piece) into.add(node.piece);
    piecesOf(node.children ?? [], into);
  }
  return into;
}

/** A paragraph of runs; neighbouring runs with the same marks are joined (fewer runs, smaller XML). */
function para(...parts: (Run | string)[]): Paragraph {
  return paragraphOf(parts);
}

/** para() for a list of any length: a spread call overflows the call stack past some 100,000 arguments. */
function paragraphOf(parts: (Run | string)[]): Paragraph {
  const runs: Run[] = [];
  for (const part of parts) {
    const run = typeof part === 'string' ? { text: part } : part;
    const last = runs[runs.length - 1];
    if (run.text === '') continue;
    if (last && !last.bold === !run.bold && !last.placeholder === !run.placeholder) runs[runs.length - 1] = { ...last, text: last.text + run.text };
    else runs.push(run);
  }
  return { type: 'paragraph', runs };
}
const hole = (text: string): Run => ({ text, placeholder: true });

/**
 * A sentence the sheet does not support (how the unit organised the work, manages the funds, will
 * use the results): drafted for the unit, but marked 【请核实：…】 and highlighted like every
 * placeholder, so that nothing unchecked reads as fact (docs/report.md, "What the draft marks").
 */
export const confirm = (text: string): Run => ({ text: `【请核实：${text}】`, placeholder: true });

/** Where a deviation is explained, for a cross-reference: "“偏离绩效目标的原因”部分". */
const seeDeviation = (ctx: Context) => (ctx.deviationTitle ? `“${ctx.deviationTitle}”部分` : undefined);

/**
 * A numbered item: a heading of its own at levels 1–2, a bold run-in label at deeper levels, as in
 * "（1）数量指标：①…" (公文 practice: the third and fourth levels run into the paragraph).
 */
function item(level: number, n: number, label: string, body: Run[], runInEnd = '。'): Block[] {
  const number = headingNumber(level, n);
  if (level <= 2) return [{ type: 'heading', level: clampLevel(level), number, text: label }, paragraphOf(body)];
  return [paragraphOf([{ text: `${number}${label}${runInEnd}`, bold: true }, ...body])];
}

/** An amount of the funds block with its unit, as the sheet shows it ("288.5万元"); '' when the sheet has none. */
function money(funds: FundsResult, field: MoneyField): string {
  return fundsMoneyText(funds, field) ?? '';
}

const sum = (rows: Row[], f: (r: Row) => number) => rows.reduce((t, r) => t + f(r), 0);

function projectRef(ctx: Context): Run {
  return ctx.projectWithYear ? { text: ctx.projectWithYear } : hole('【请填写项目名称】');
}

function intro(ctx: Context): Block[] {
  const called = ctx.wholeSpending ? '' : '（以下简称“本项目”）';
  return [para('根据预算绩效管理有关规定和绩效自评工作安排，我单位对', projectRef(ctx), `${called}开展了绩效自评。现将自评情况报告如下：`)];
}

function allocation(ctx: Context): Block[] {
  const p = ctx.evaluation.project;
  const who = [
    ctx.year !== undefined && !ctx.wholeSpending ? `为${ctx.year}年度项目支出` : '',
    p.department && p.department !== ctx.unit ? `主管部门为${p.department}` : '',
    ctx.wholeSpending ? `由${ctx.unit ?? '我单位'}统筹安排使用` : `由${ctx.unit ?? '我单位'}负责实施`,
  ].filter(Boolean);
  const blocks = [para(projectRef(ctx), `${who.join('，')}。`)];
  const f = ctx.funds;
  if (f && (f.initial !== undefined || f.adjusted !== undefined)) {
    const parts = [f.initial !== undefined ? `年初预算数为${money(f, 'initial')}` : '', f.adjusted !== undefined ? `全年预算数为${money(f, 'adjusted')}` : ''];
    blocks.push(para(`${ctx.subject}${parts.filter(Boolean).join('，')}。`));
  }
  if (p.goal) blocks.push(para(`${ctx.wholeSpending ? '' : '项目'}年度总体目标：${sentence(p.goal)}`));
  // What the part is named for: the sheet does not say how the funds were allocated, so the draft asks.
  blocks.push(para('资金下达情况：', hole('【请补充资金下达文件、下达时间及资金主要用途】')));
  return blocks;
}

function targetSetting(ctx: Context): Block[] {
  const counts = (Object.keys(GROUP_NAMES) as Group[])
    .map((g) => [GROUP_NAMES[g], ctx.rows.filter((r) => r.group === g).length] as const)
    .filter(([, n]) => n > 0);
  if (ctx.rows.length === 0) return [para('自评表未列示绩效指标，', hole(`【请补充${ctx.subject}绩效指标设定情况】`))];
  return [
    para(
      `围绕年度总体目标，${ctx.subject}共设置${ctx.rows.length}项三级绩效指标，其中`,
      counts.map(([name, n]) => `${name}${n}项`).join('、'),
      ctx.funds ? '，另对预算执行率进行评价' : '',
      '。各项指标的年度指标值、实际完成值及得分情况见绩效指标完成情况表。',
    ),
  ];
}

function work(): Block[] {
  return [
    para(confirm('为做好本次绩效自评工作，我单位成立了绩效自评工作小组，由财务和业务相关人员共同参与，明确分工、压实责任，确保自评工作有序开展。')),
    para(confirm(selfEvaluationSteps)),
  ];
}

const selfEvaluationSteps =
  '工作小组对照年初设定的绩效目标，逐项收集、核实各项指标的实际完成数据及佐证材料，分析偏差原因，研究改进措施，并按照评分规则对预算执行率和各项绩效指标进行打分，在此基础上形成本报告。';

function implementation(ctx: Context): Block[] {
  const who = ctx.unit ?? '我单位';
  return [
    para(
      ctx.wholeSpending ? `各项支出由${who}按照年度预算和工作计划组织实施。` : `本项目由${who}负责组织实施。`,
      confirm('实施过程中，我单位明确责任分工，制定工作计划，加强过程跟踪和督促检查，推动各项工作按计划落实。'),
    ),
    para(confirm(`年度结束后，我单位组织开展了绩效自评。${selfEvaluationSteps}`)),
  ];
}

function bandsText(bands: { min: number; label: string }[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted
    .map((b, i) => {
      if (i === 0) return `${num(b.min)}分（含）以上为“${b.label}”`;
      const upper = num(sorted[i - 1].min);
      return b.min <= 0 ? `${upper}分以下为“${b.label}”` : `${num(b.min)}分（含）至${upper}分为“${b.label}”`;
    })
    .join('，');
}

/** Level-1 subtotals, in report order: 预算执行率, 产出, 效益, 满意度. */
export function subtotals(ctx: Context): { name: string; weight: number; score: number }[] {
  const groups = (Object.keys(GROUP_NAMES) as Group[])
    .map((g) => ({ g, rows: ctx.rows.filter((r) => r.group === g && r.src.status !== 'not-applicable') }))
    .filter((x) => x.rows.length > 0)
    .map(({ g, rows }) => ({
      name: GROUP_NAMES[g],
      weight: sum(rows, (r) => r.src.weight),
      score: sum(rows, (r) => r.src.score),
    }));
  return ctx.funds ? [{ name: '预算执行率', weight: ctx.funds.weight, score: ctx.funds.score }, ...groups] : groups;
}

function score(ctx: Context): Block[] {
  const ev = ctx.evaluation;
  const full = ev.rebased ? `（按百分制折算，各项分值合计${num(ev.totalWeight)}分）` : ev.totalMax !== 100 ? `（满分${num(ev.totalMax)}分）` : '';
  // Rows the rules could not settle: while any is left, the total is provisional.
  const open = ctx.rows.filter(needsData).length;
  const blocks = open
    ? [
        para(
          `经自评，${ctx.subject}暂定总得分为${num(ev.totalScore)}分${full}，自评等级暂定为“${ev.grade}”。尚有${open}项指标需人工评定或补充数据，评定后总分和等级可能变化。`,
          hole('【请完成上述指标的评定后更新总分和等级】'),
        ),
      ]
    : [para(`经自评，${ctx.subject}总得分为${num(ev.totalScore)}分${full}，自评等级为“${ev.grade}”。`)];
  const parts = subtotals(ctx).map((s) => `${s.name}得分${num(s.score)}分（分值${num(s.weight)}分）`);
  if (parts.length) blocks.push(para(`其中，${parts.join('，')}。`));
  if (ev.gradeBands.length) blocks.push(para(`自评等级按以下标准确定：${bandsText(ev.gradeBands)}。`));
  if (ev.project.goalActual) blocks.push(para(`${ctx.subject}年度总体目标的实际完成情况为：${sentence(ev.project.goalActual)}`));
  return blocks;
}

function fundsArrival(ctx: Context): Block[] {
  const f = ctx.funds;
  if (!f || f.adjusted === undefined) return [para('自评表未填列项目资金预算情况，', hole('【请填写项目资金到位情况】'))];
  // The budget itself is stated where the funds are introduced; here only what changed, and the arrival.
  const said = ctx.pieces.has('allocation');
  let change = '';
  if (f.initial !== undefined && f.initial !== f.adjusted) {
    change = `全年预算数较年初预算数${f.adjusted > f.initial ? '调增' : '调减'}${fundsDifferenceText(f, 'adjusted', 'initial') ?? ''}`;
  } else if (f.initial !== undefined) {
    change = '全年预算数与年初预算数一致';
  }
  const budget = said ? '' : `${ctx.subject}全年预算数为${money(f, 'adjusted')}`;
  const first = [budget, change].filter(Boolean).join('，');
  return [para(first ? `${first}。` : '', confirm('全年预算资金已全部下达到位，并补充资金到位时间及到位金额'))];
}

function fundsExecution(ctx: Context): Block[] {
  const f = ctx.funds;
  if (!f) {
    // A table may score the rate as one of its indicators: that row says it, where the rows are analysed.
    const asRow = ctx.rows.find((r) => namesExecutionRate(r.level3));
    if (asRow) return [para(`预算执行率作为绩效指标纳入评价，完成情况见“${asRow.name}”一项；`, hole('【请补充全年预算数和全年执行数】'))];
    return [para('自评表未填列项目资金执行情况，', hole('【请填写全年预算数、全年执行数及预算执行率】'))];
  }
  const end = ctx.year !== undefined ? `截至${ctx.year}年末，` : '';
  // The budget is named here only where no other part of this report names it.
  const budget = ctx.pieces.has('allocation') || ctx.pieces.has('funds-arrival') || f.adjusted === undefined ? '' : `全年预算数为${money(f, 'adjusted')}，`;
  const executed = f.executed !== undefined ? `全年执行数为${money(f, 'executed')}，` : '';
  if (f.rate === undefined) {
    return [para(`${end}${ctx.subject}${budget}${executed}预算执行率无法计算，`, hole('【请核实项目资金执行数据】'))];
  }
  const see = seeDeviation(ctx);
  const low = f.rate < 0.9 ? `预算执行率低于90%${see ? `，原因分析见${see}` : ''}。` : '';
  // A rate the amounts could not confirm is the unit's own figure: say so, and ask for the amounts.
  if (f.rateAsWritten) {
    return [
      para(
        `${end}${ctx.subject}${budget}${executed}预算执行率为${percent(f.rate)}（系自评表填列数，因资金金额填列不全未能复核），该项得${num(f.score)}分（分值${num(f.weight)}分）。${low}`,
        hole('【请补充全年预算数和全年执行数】'),
      ),
    ];
  }
  return [para(`${end}${ctx.subject}${budget}${executed}预算执行率为${percent(f.rate)}，该项得${num(f.score)}分（分值${num(f.weight)}分）。${low}`)];
}

function fundsManagement(ctx: Context): Block[] {
  if (ctx.wholeSpending) {
    return [para(confirm('我单位各项资金全部纳入预算统一管理，严格执行财务管理制度和支出标准，资金支付按规定履行审批程序，确保资金使用规范、安全、有效。'))];
  }
  return [
    para(
      confirm(
        '本项目资金纳入单位预算统一管理，严格执行财务管理制度和专项资金管理有关规定，实行专款专用、单独核算。资金支付按规定履行审批程序，项目实施由专人负责跟踪，确保资金使用规范、安全、有效。',
      ),
    ),
  ];
}

/** 产出 / 效益 / 满意度: a lead with the count and points, then one paragraph per level-2 indicator. */
function results(group: Group) {
  return (ctx: Context, depth: number): Block[] => {
    const name = GROUP_NAMES[group];
    const rows = ctx.rows.filter((r) => r.group === group);
    if (rows.length === 0) return [para(`${ctx.subject}未设置${name}。`)];
    const scored = rows.filter((r) => r.src.status !== 'not-applicable');
    const unmet = rows.filter((r) => r.deviates && r.src.status !== 'exceeded').length;
    const exceeded = rows.filter((r) => r.src.status === 'exceeded').length;
    const pending = rows.filter(needsData).length;
    const verdict =
      unmet + exceeded + pending === 0
        ? `${rows.length > 1 ? '各项指标均已完成' : '该指标已完成'}。`
        : `${rows.length > 1 ? '其中' : '该指标'}${[
            unmet && `${rows.length > 1 ? `${unmet}项` : ''}未完成`,
            exceeded && `${rows.length > 1 ? `${exceeded}项` : ''}超额完成且超出幅度较大`,
            pending && `${rows.length > 1 ? `${pending}项` : ''}有待核实`,
          ]
            .filter(Boolean)
            .join('，')}。`;
    const blocks: Block[] = [
      para(`${name}共${rows.length}项，分值${num(sum(scored, (r) => r.src.weight))}分，得分${num(sum(scored, (r) => r.src.score))}分，${verdict}`),
    ];
    const see = seeDeviation(ctx);
    level2Groups(rows, group).forEach(([label, members], g) => {
      const clauses = members.map((r, j) => {
        const runs = describeRow(r, { see });
        return members.length > 1 ? [{ text: headingNumber(depth + 2, j + 1) }, ...runs] : runs;
      });
      const body = clauses.flatMap((runs, j) => [...runs, { text: j === clauses.length - 1 ? '。' : '；' }]);
      blocks.push(...item(depth + 1, g + 1, label, body, '：'));
    });
    return blocks;
  };
}

/** Under 90% the rate is flagged and must be explained (domain.md §4), like a deviating row. */
function fundsDeviates(f: FundsResult | undefined): f is FundsResult {
  return f !== undefined && f.rate !== undefined && f.rate < 0.9;
}

/** A deviating row in brief, where its facts were given elsewhere: what kind of deviation it is. */
function deviationKind(r: Row): string {
  if (r.src.status === 'exceeded') return '超额完成年度指标，且超出幅度较大';
  if (r.src.status === 'met') return '基本完成年度指标，未得满分';
  return '未完成年度指标';
}

function deviation(ctx: Context, depth: number): Block[] {
  const rows = ctx.rows.filter((r) => r.deviates);
  const pending = ctx.rows.filter(needsData);
  const f = ctx.funds;
  const blocks: Block[] = [];
  // Each row's figures are in the table and in the results above: here only what it is and why.
  const where = '数据见绩效指标完成情况表';
  if (rows.length === 0 && !fundsDeviates(f)) {
    blocks.push(para(`对照年初设定的绩效目标，${ctx.subject}${f ? '预算执行率和' : ''}各项绩效指标均已完成，未出现偏离绩效目标的情况。`));
  } else {
    const what = [fundsDeviates(f) ? '预算执行率' : '', rows.length ? `${rows.length}项绩效指标` : ''].filter(Boolean);
    blocks.push(para(`对照年初设定的绩效目标，${ctx.subject}${what.join('和')}存在偏差（${where}），原因如下：`));
    let n = 0;
    if (fundsDeviates(f)) {
      blocks.push(...item(depth + 1, ++n, '预算执行率', [{ text: `预算执行率为${percent(f.rate)}，低于90%。` }]), reasons('预算执行率', []));
    }
    rows.forEach((r) => {
      blocks.push(...item(depth + 1, ++n, r.name, [{ text: `${deviationKind(r)}。` }]), ...reasonParagraphs(r));
    });
  }
  if (pending.length) {
    blocks.push(
      para(
        `此外，${quoteList(pending.map((r) => r.name))}${pending.length > 1 ? `${pending.length}项` : ''}指标的实际完成情况尚待补充或核实，`,
        hole('【请补充上述指标的实际完成情况，如有偏差请说明原因及改进措施】'),
      ),
    );
  }
  return blocks;
}

function reasons(name: string, note: string[]): Paragraph {
  const label: Run = { text: '原因分析及改进措施：', bold: true };
  return note.length ? para(label, note[0]) : para(label, hole(`【请填写“${name}”偏差原因及改进措施】`));
}

/** The sheet's own 偏差原因 text, whole: its later lines become paragraphs of their own. */
function reasonParagraphs(r: Row): Paragraph[] {
  return [reasons(r.name, r.note), ...r.note.slice(1).map((line) => para(line))];
}

function improvement(ctx: Context, depth: number): Block[] {
  const exceeded = ctx.rows.filter((r) => r.src.status === 'exceeded').map((r) => r.name);
  const short = ctx.rows.filter((r) => r.deviates && r.src.status !== 'exceeded').map((r) => r.name);
  const items: [string, string][] = [];
  if (exceeded.length) {
    items.push([
      '科学合理设定绩效目标',
      `针对${quoteList(exceeded)}实际完成值明显超出年度指标值的情况，编制下一年度绩效目标时将结合历年完成情况和工作实际合理确定指标值，避免目标设定偏低。`,
    ]);
  }
  if (short.length) {
    items.push([
      '加强项目实施过程管理',
      `对${quoteList(short)}${short.length > 1 ? '等未完成年度指标的指标，逐项查找原因' : '未完成年度指标的情况，深入查找原因'}、明确责任，强化跟踪督办，推动问题整改到位。`,
    ]);
  }
  if (ctx.funds?.rate !== undefined && ctx.funds.rate < 1) {
    items.push(['加快预算执行进度', '加强预算执行动态监控，按照项目实施进度及时支付资金，提高资金使用效率。']);
  }
  items.push(['强化绩效运行监控', '项目实施过程中定期对照绩效目标开展运行监控，发现偏差及时分析纠正，确保年度绩效目标如期实现。']);
  // The use of the results has a part of its own where the outline has one: it is said there only.
  if (!ctx.pieces.has('application')) {
    items.push(['加强绩效结果应用', '将自评结果作为完善项目管理、安排以后年度预算的重要依据，不断提高财政资金使用效益。']);
  }
  // Under a heading that asks for suggestions (湖南: 几点建议) the items are put as suggestions, not as the unit's own plans.
  const suggestions = ctx.improvementTitle?.includes('建议') ?? false;
  const lead = suggestions
    ? [para('结合本次自评发现的问题，提出以下建议：')]
    : ctx.rows.some((r) => r.deviates && r.note.length)
      ? [para('除上述各项指标偏差分析中提出的措施外，下一步我单位将重点做好以下工作：')]
      : [];
  // Measures are the unit's commitments, not facts from the sheet: each is marked for the unit to confirm.
  return [...lead, ...items.flatMap(([title, text], i) => item(depth + 1, i + 1, title, [confirm(text)]))];
}

function application(ctx: Context): Block[] {
  const managed = ctx.wholeSpending ? '改进预算管理' : '改进项目管理';
  return [
    para(confirm(`我单位将把本次绩效自评结果作为${managed}、完善下一年度绩效目标和安排以后年度预算的重要依据，对自评中发现的问题逐项明确责任、限期整改。`)),
    para(confirm(`按照预决算公开有关要求，${ctx.subject}绩效自评表和自评报告将随部门决算一并向社会公开，主动接受社会监督。`)),
  ];
}

function evidence(_ctx: Context, depth: number): Block[] {
  const items = ['项目资金下达及预算调整文件', '资金支付凭证等财务资料', '项目实施过程中形成的工作记录、验收等资料', '满意度调查资料'];
  return [
    para('本次自评的佐证材料主要包括：'),
    ...items.map((text, i) => para({ text: `${headingNumber(depth + 1, i + 1)}${text}${i === items.length - 1 ? '。' : '；'}` })),
    para(hole('【请根据实际情况增删佐证材料，并作为附件报送】')),
  ];
}

export const PIECES: Record<SectionId, (ctx: Context, depth: number) => Block[]> = {
  intro,
  allocation,
  'target-setting': targetSetting,
  work,
  implementation,
  score,
  'funds-arrival': fundsArrival,
  'funds-execution': fundsExecution,
  'funds-management': fundsManagement,
  outputs: results('outputs'),
  benefits: results('benefits'),
  satisfaction: results('satisfaction'),
  deviation,
  improvement,
  application,
  evidence,
};
