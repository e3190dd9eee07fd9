/**
 * A workbook whose one sheet, 项目自评表, holds two project tables one below the other, as a
 * department publishes them: 甲项目 (header on row 2; its row 3 scores 80 of 100) and 乙项目
 * (header on row 7; its row 8 scores 100).
 */
import { Workbook } from 'exceljs';

export const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];

export async function twoTablesOnOneSheet(): Promise<Uint8Array<ArrayBuffer>> {
  const book = new Workbook();
  const sheet = book.addWorksheet('项目自评表');
  sheet.addRow(['项目名称', '甲项目']);
  sheet.addRow(INDICATOR_HEADER);
  sheet.addRow(['产出指标', '数量指标', '培训人数', '≥100人', '80人', 100]);
  sheet.addRow([]);
  sheet.addRow([]);
  sheet.addRow(['项目名称', '乙项目']);
  sheet.addRow(INDICATOR_HEADER);
  sheet.addRow(['产出指标', '数量指标', '培训场次', '≥4场', '4场', 100]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
