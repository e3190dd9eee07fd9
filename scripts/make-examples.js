/**
 * Builds the example workbooks that are not copies of ../shared/fixtures: the Sichuan layout and a
 * deliberately messy standard form (two-row header, table at B2, placeholders, 其中 rows,
 * weights in level-1 labels, line breaks in headers, an empty 年度资金总额 row).
 * Run: node scripts/make-examples.js  (writes into examples/)
 */
const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');

const { withFixedTimes } = require('./fixed-times');

const out = (name) => path.join(__dirname, '..', 'examples', name);

/** Written with fixed times, so that regenerating an unchanged example leaves it byte for byte the same. */
async function save(wb, name) {
  fs.writeFileSync(out(name), await withFixedTimes(await wb.xlsx.writeBuffer()));
}

function put(ws, address, value, numFmt) {
  const cell = ws.getCell(address);
  cell.value = value;
  if (numFmt) cell.numFmt = numFmt;
  cell.alignment = { wrapText: true, vertical: 'middle' };
}

async function sichuan() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目支出绩效自评表');
  ws.columns = [14, 12, 14, 24, 9, 10, 9, 12, 8, 8, 24].map((width) => ({ width }));
  put(ws, 'A1', '项目支出绩效自评表');
  ws.mergeCells('A1:K1');
  put(ws, 'A2', '（2024年度）');
  ws.mergeCells('A2:K2');
  put(ws, 'A3', '项目名称');
  put(ws, 'B3', '乡村公共文化服务提升专项资金');
  ws.mergeCells('B3:K3');
  put(ws, 'A4', '主管部门');
  put(ws, 'B4', '某市文化广电旅游局');
  ws.mergeCells('B4:E4');
  put(ws, 'F4', '实施单位');
  put(ws, 'G4', '某县文化馆');
  ws.mergeCells('G4:K4');
  put(ws, 'A5', '预算执行情况（10分）');
  ws.mergeCells('A5:A6');
  ['年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分'].forEach((h, i) => put(ws, `${'BCDEFG'[i]}5`, h));
  put(ws, 'B6', 80);
  put(ws, 'C6', 85);
  put(ws, 'D6', 72.25);
  put(ws, 'F6', 10);
  put(ws, 'A7', '年度总体目标');
  put(ws, 'B7', '预期目标');
  ws.mergeCells('B7:E7');
  put(ws, 'F7', '实际完成情况');
  ws.mergeCells('F7:K7');
  put(ws, 'B8', '开展送文化下乡演出60场，新建村级文化活动室8个，群众满意度达到90%以上。');
  ws.mergeCells('B8:E8');
  put(ws, 'F8', '全年送文化下乡演出64场，新建村级文化活动室6个，群众满意度91.5%。');
  ws.mergeCells('F8:K8');
  put(ws, 'A9', '绩效指标（90分）');
  ws.mergeCells('A9:K9');
  ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'].forEach((h, i) =>
    put(ws, `${'ABCDEFGHIJ'[i]}10`, h),
  );
  const rows = [
    ['产出指标', '数量指标', '送文化下乡演出场次', '≧', 60, '场', '64场', 15],
    [null, null, '新建村级文化活动室', '≧', 8, '个', '6个', 15, null, '2个村选址调整，活动室建设顺延至2025年上半年。'],
    [null, '质量指标', '活动室验收合格率', '═', 100, '%', 1, 10],
    [null, '时效指标', '演出任务完成时间', '定性', '2024年11月底前', null, '2024年11月', 5],
    [null, '成本指标', '单场演出补助标准', '≦', 5000, '元/场', '4800元/场', 5],
    ['效益指标', '社会效益指标', '群众文化生活', '定性', '明显丰富', null, '明显丰富', 20],
    ['满意度指标', '服务对象满意度指标', '群众满意度', '≧', 90, '%', '91.5%', 20],
  ];
  rows.forEach((r, i) =>
    r.forEach((v, j) => v !== null && v !== undefined && put(ws, `${'ABCDEFGHIJ'[j]}${11 + i}`, v, j === 6 && typeof v === 'number' ? '0%' : undefined)),
  );
  ws.mergeCells('A11:A15');
  ws.mergeCells('B11:B12');
  put(ws, 'A18', '总分');
  ws.mergeCells('A18:G18');
  put(ws, 'H18', 100);
  await save(wb, '四川-乡村公共文化服务.xlsx');
}

async function messyStandardForm() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').getCell('A1').value = '本工作簿第二张表为自评表。';
  const ws = wb.addWorksheet('2023年自评表');
  ws.columns = [4, 8, 12, 14, 26, 8, 10, 10, 12, 8, 8, 26].map((width) => ({ width }));
  put(ws, 'B2', '项目支出绩效自评表');
  ws.mergeCells('B2:L2');
  put(ws, 'B3', '（ 2023 年度）');
  ws.mergeCells('B3:L3');
  put(ws, 'B4', '项目名称');
  put(ws, 'C4', '社区居家养老服务补助资金');
  ws.mergeCells('C4:L4');
  put(ws, 'B5', '主管部门');
  put(ws, 'C5', '某区民政局');
  ws.mergeCells('C5:F5');
  put(ws, 'G5', '实施单位');
  put(ws, 'H5', '某街道办事处');
  ws.mergeCells('H5:L5');
  put(ws, 'B6', '项目资金\n（万元）');
  ws.mergeCells('B6:B10');
  ['年初\n预算数', '全年\n预算数', '全年\n执行数', '分值', '执行率', '得分'].forEach((h, i) => put(ws, `${'GHIJKL'[i]}6`, h));
  put(ws, 'C7', '年度资金总额');
  put(ws, 'J7', 10);
  put(ws, 'C8', '其中：当年财政拨款');
  put(ws, 'G8', 50);
  put(ws, 'H8', 48);
  put(ws, 'I8', 46.5);
  put(ws, 'C9', '上年结转资金');
  put(ws, 'G9', 5);
  put(ws, 'H9', 5);
  put(ws, 'I9', 5);
  put(ws, 'C10', '其他资金');
  ['G', 'H', 'I'].forEach((c) => put(ws, `${c}10`, '—'));
  for (const r of [7, 8, 9, 10]) ws.mergeCells(`C${r}:F${r}`);
  put(ws, 'B11', '年度总体目标');
  put(ws, 'C11', '预期目标');
  ws.mergeCells('C11:G11');
  put(ws, 'H11', '实际完成情况');
  ws.mergeCells('H11:L11');
  put(ws, 'C12', '为辖区老年人提供助餐、助洁等居家养老服务12000人次。');
  ws.mergeCells('C12:G12');
  put(ws, 'H12', '全年提供居家养老服务13500人次。');
  ws.mergeCells('H12:L12');
  // Two-row header: the target is split under a merged "年度指标值".
  put(ws, 'B13', '绩效\n指标');
  put(ws, 'C13', '一级指标');
  put(ws, 'D13', '二级指标');
  put(ws, 'E13', '三级指标');
  put(ws, 'F13', '年度指标值');
  ws.mergeCells('F13:H13');
  put(ws, 'F14', '指标性质');
  put(ws, 'G14', '指标值');
  put(ws, 'H14', '度量单位');
  put(ws, 'I13', '实际 完成值');
  put(ws, 'J13', '分值');
  put(ws, 'K13', '得分');
  put(ws, 'L13', '偏差原因分析\n及改进措施');
  for (const c of ['C', 'D', 'E', 'I', 'J', 'K', 'L']) ws.mergeCells(`${c}13:${c}14`);
  const rows = [
    ['产出指标（50分）', '数量指标', '指标1：居家养老服务人次', '≥', 12000, '人次', '13500人次', 20],
    [null, null, '指标2：', null, null, null, null, null],
    [null, '质量指标', '★服务回访满意率', '≥', 95, '%', 0.97, 15],
    [null, '时效指标', '补助资金拨付时间', '定性', '2023年12月底前', null, '2023年12月20日', 10],
    [null, '成本指标', '人均服务成本', '≤', 40, '元/人次', '42元/人次', 5],
    ['效益指标（30分）', '社会效益指标', '老年人生活质量', '定性', '明显提升', null, '基本达到', 15],
    [null, null, '其中：失能老人照护', null, null, null, '已覆盖', null],
    [null, '可持续影响指标', '……', null, null, null, null, null],
    [null, null, '居家养老服务机制', '定性', '长效运行', null, '长效运行', 15],
    ['满意度指标（10分）', '服务对象满意度指标', '老年人满意度', '≥', 90, '%', '92%', 10],
  ];
  rows.forEach((r, i) =>
    r.forEach((v, j) => v !== null && v !== undefined && put(ws, `${'CDEFGHIJ'[j]}${15 + i}`, v, j === 6 && typeof v === 'number' ? '0%' : undefined)),
  );
  put(ws, 'L19', '部分服务对象居住分散，上门服务成本上升；下一步将优化服务路线。');
  ws.mergeCells('B13:B24');
  ws.mergeCells('C15:C19');
  ws.mergeCells('D15:D16');
  ws.mergeCells('C20:C23');
  ws.mergeCells('D22:D23');
  put(ws, 'B25', '总分');
  ws.mergeCells('B25:I25');
  put(ws, 'J25', 100);
  put(ws, 'B27', '填表人：张某某        联系电话：0000-0000000');
  await save(wb, '复杂表头-居家养老.xlsx');
}

Promise.all([sichuan(), messyStandardForm()]).then(() => console.log('examples written'));
