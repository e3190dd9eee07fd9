/** The name the report's .docx is offered under: 绩效自评报告-<项目名称>.docx. */
import type { Evaluation } from '../engine/evaluation';
import type { ReportSettings } from '../engine/report/model';

const BASE = '绩效自评报告';
// Long enough for any real project name, short enough for Windows paths under a Downloads folder.
const MAX_NAME = 60;

/**
 * A project name made safe as part of a file name on Windows, macOS and in browsers: no path
 * separators or characters Windows forbids (\ / : * ? " < > |), no control characters, no runs
 * of spaces, no leading or trailing dots or spaces (Windows drops trailing ones silently).
 */
export function safeFileNamePart(text: string): string {
  return Array.from(
    text
      .replace(/\s+/g, ' ') // tabs and line breaks from a wrapped cell become spaces first
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[\s.-]+|[\s.-]+$/g, ''),
  )
    .slice(0, MAX_NAME) // by characters, so a Chinese name is never cut mid-character
    .join('')
    .replace(/[\s.-]+$/, '');
}

/** 绩效自评报告-<项目名称>.docx, with the name the report itself uses (the settings' or the sheet's). */
export function reportFileName(evaluation: Evaluation, settings: ReportSettings = {}): string {
  const project = safeFileNamePart(settings.project?.trim() || evaluation.project.name?.trim() || '');
  return project ? `${BASE}-${project}.docx` : `${BASE}.docx`;
}

/** The scored copy of a workbook: 原文件名.scored.xlsx, beside the original (the command line) or in the downloads (the 网页版). */
export function scoredCopyName(workbookName: string): string {
  return `${workbookName.replace(/\.xlsx$/i, '')}.scored.xlsx`;
}
