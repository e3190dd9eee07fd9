/** A large standard-form 自评表 for benchmarks: a funds block and `count` varied indicator rows. */

const SPELLINGS = [
  (i) => [`≥${10 + (i % 40)}人`, `${12 + (i % 45)}人`],
  (i) => [`不少于${100 + (i % 30)}公里`, `${95 + (i % 40)}公里`],
  (i) => [`≥${90 + (i % 9)}%`, `${88 + (i % 12)}.5%`],
  (i) => [`≤${1 + (i % 5)}.8万元`, `${1 + (i % 6)}.9万元`],
  (i) => [`${(i % 12) + 1}月底前`, `${(i % 12) + 1}月`],
  () => ['有效维护', '有效维护'],
  () => ['=0起', '0起'],
  () => ['明显改善', '部分达成'],
];

const LEVEL1 = ['产出指标', '效益指标', '满意度指标'];
const LEVEL2 = ['数量指标', '质量指标', '时效指标', '成本指标'];

/** `variant` (0 for the benchmark table) gives another project, unit and spending, for batches of distinct tables. */
function tableRows(count, variant = 0) {
  const rows = [
    ['项目支出绩效自评表'],
    ['（2024年度）'],
    ['项目名称', variant ? `基准测试项目${variant}` : '基准测试项目'],
    ['主管部门', '某局', null, null, null, '实施单位', variant ? `某中心${variant % 7}` : '某中心'],
    ['项目资金（万元）', null, null, null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', null, null, 1000, 1000, 950 - (variant % 11) * 20, 10],
    ['年度总体目标', '预期目标', null, null, null, '实际完成情况'],
    [null, '完成年度目标', null, null, null, '基本完成'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
  for (let i = 0; i < count; i++) {
    const [target, actual] = SPELLINGS[(i + variant) % SPELLINGS.length](i + variant);
    const block = Math.floor((i * 3) / count);
    const level1 = i === Math.ceil((block * count) / 3) ? LEVEL1[block] : null;
    const level2 = i % 25 === 0 ? LEVEL2[(i / 25) % 4] : null;
    rows.push([null, level1, level2, `指标${i + 1}`, target, actual, null, null, i % 7 === 0 ? '已说明原因' : null]);
  }
  rows.push(['总分', null, null, null, null, null, 100]);
  return rows;
}

/** The same rows as an engine Grid, the way a host would hand it over. */
function tableGrid(count) {
  const cells = tableRows(count).map((row) =>
    row.map((value) => (value === null || value === undefined ? undefined : { value, text: String(value), format: 'General' })),
  );
  return { sheet: '自评表', top: 1, left: 1, cells, merges: [] };
}

async function writeTableWorkbook(file, count, variant = 0) {
  require('node:fs').writeFileSync(file, await tableWorkbook(count, variant));
}

/** The table as .xlsx bytes. */
async function tableWorkbook(count, variant = 0) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自评表');
  for (const row of tableRows(count, variant)) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

module.exports = { tableRows, tableGrid, tableWorkbook, writeTableWorkbook };
