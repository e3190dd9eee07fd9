/**
 * The one place besides index.tsx that reads Office.js: it turns Office's context into a
 * PaneEnvironment. Every property is read defensively, since old Office builds lack some of them
 * and the pane must still be able to say "not supported" there.
 */
import { missingRequirements } from '../office/requirements';
import { isDarkBackground, isOldWebview, type OfficeColours, type PaneEnvironment, type PaneHost } from './environment';

function paneHost(host: Office.HostType | null | undefined): PaneHost {
  if (host === Office.HostType.Excel) return 'excel';
  if (host === Office.HostType.Word) return 'word';
  return 'other';
}

function isDarkTheme(): boolean {
  const theme = Office.context?.officeTheme as Partial<Office.OfficeTheme> | undefined;
  if (!theme) return false;
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme;
  return isDarkBackground(theme.bodyBackgroundColor);
}

function officeColours(): OfficeColours | undefined {
  const theme = Office.context?.officeTheme as Partial<Office.OfficeTheme> | undefined;
  if (!theme) return undefined;
  return {
    bodyBackground: theme.bodyBackgroundColor,
    bodyForeground: theme.bodyForegroundColor,
    controlBackground: theme.controlBackgroundColor,
    controlForeground: theme.controlForegroundColor,
  };
}

function missingSets(host: PaneHost): string[] {
  if (host === 'other') return [];
  try {
    return missingRequirements(host);
  } catch {
    // Office so old that the requirements API itself is missing cannot run the pane either.
    return [host === 'excel' ? 'ExcelApi' : 'WordApi'];
  }
}

/** What Office.onReady passes (its type has no name in @types/office-js). */
export interface OfficeReadyInfo {
  host: Office.HostType | null;
}

export function readOfficeEnvironment(info: OfficeReadyInfo | undefined): PaneEnvironment {
  const host = paneHost(info?.host);
  return {
    host,
    displayLanguage: Office.context?.displayLanguage ?? (typeof navigator !== 'undefined' ? navigator.language : 'zh-CN'),
    dark: isDarkTheme(),
    colours: officeColours(),
    oldWebview: typeof navigator !== 'undefined' && isOldWebview(navigator.userAgent),
    missingSets: missingSets(host),
  };
}
