/**
 * The pane in the Office theme: Fluent's web theme (light or dark, as Office is) with the page and
 * control colours Office reports, so the pane matches Office's own panes (白色, 浅灰色, 深灰色, 黑色).
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { isDarkBackground, type OfficeColours } from './environment';

const HEX = /^#?[0-9a-f]{6}$/i;

function colour(value: string | undefined): string | undefined {
  if (!value || !HEX.test(value.trim())) return undefined;
  const hex = value.trim();
  return hex.startsWith('#') ? hex : `#${hex}`;
}

export function paneTheme(dark: boolean, office: OfficeColours = {}): Theme {
  const base = dark ? webDarkTheme : webLightTheme;
  const body = colour(office.bodyBackground);
  // A light page under a dark theme (or the reverse) would leave text unreadable: trust neither.
  if (body && isDarkBackground(body) !== dark) return base;
  const text = colour(office.bodyForeground);
  const control = colour(office.controlBackground);
  const controlText = colour(office.controlForeground);
  return {
    ...base,
    ...(body ? { colorNeutralBackground1: body, colorSubtleBackground: body } : {}),
    ...(text ? { colorNeutralForeground1: text } : {}),
    ...(control ? { colorNeutralBackground3: control } : {}),
    ...(controlText ? { colorNeutralForeground3: controlText } : {}),
  };
}
