/**
 * What the pane needs to know about the Office it runs in, as plain data. index.tsx fills it from
 * Office.js; tests build it by hand, so nothing below the entry point touches Office.
 */

export type PaneHost = 'excel' | 'word' | 'other';

/** Office.context.officeTheme's colours, as far as this Office reports them. */
export interface OfficeColours {
  bodyBackground?: string;
  bodyForeground?: string;
  controlBackground?: string;
  controlForeground?: string;
}

export interface PaneEnvironment {
  host: PaneHost;
  /** Office's display language, e.g. "zh-CN", "en-US". */
  displayLanguage: string;
  /** Office uses a dark theme. */
  dark: boolean;
  /** Office's theme colours, where this Office reports them. */
  colours?: OfficeColours;
  /** The add-in runs in Internet Explorer 11 / Trident, which the pane cannot run in. */
  oldWebview: boolean;
  /** Requirement sets the add-in needs that this Office lacks, e.g. ["ExcelApi 1.9"]. */
  missingSets: string[];
}

/** IE11 says "Trident/7.0"; older IE says "MSIE". Edge (both kinds) and WebView2 say neither. */
export function isOldWebview(userAgent: string): boolean {
  return /Trident\/|MSIE /.test(userAgent);
}

/**
 * Dark when the body background is dark. Office gives `isDarkTheme` only in newer builds, so the
 * colour is the fallback everywhere else.
 */
export function isDarkBackground(colour: string | undefined): boolean {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour?.trim() ?? '');
  if (!match) return false;
  const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16) / 255);
  // Relative luminance (sRGB weights, without gamma: enough to tell dark from light).
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
