export * from './model';
export { buildReport, reportContext, pieceBlocks } from './build';
export { ReportError } from './errors';
export { templateData, SECTION_TAGS, type TemplateRow, type TemplateValue } from './template-data';
export { chineseDate } from './format';
