/** Fluent's theme following Office's, and the strings for Office's display language. */
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { StringsProvider } from './i18n';
import { stringsFor } from './strings';

export function Providers({ dark, displayLanguage, children }: { dark: boolean; displayLanguage: string; children: ReactNode }) {
  const strings = stringsFor(displayLanguage);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} lang={strings.lang === 'zh' ? 'zh-CN' : 'en-US'} style={{ minHeight: '100vh' }}>
      <StringsProvider strings={strings}>{children}</StringsProvider>
    </FluentProvider>
  );
}
