/** Fluent's theme in Office's colours, and the strings for Office's display language. */
import { FluentProvider } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { StringsProvider } from './i18n';
import { stringsFor } from './strings';
import type { OfficeColours } from './environment';
import { paneTheme } from './theme';

export function Providers({
  dark,
  colours,
  displayLanguage,
  children,
}: {
  dark: boolean;
  colours?: OfficeColours;
  displayLanguage: string;
  children: ReactNode;
}) {
  const strings = stringsFor(displayLanguage);
  return (
    <FluentProvider theme={paneTheme(dark, colours)} lang={strings.lang === 'zh' ? 'zh-CN' : 'en-US'} style={{ minHeight: '100vh' }}>
      <StringsProvider strings={strings}>{children}</StringsProvider>
    </FluentProvider>
  );
}
