/**
 * Shown instead of a blank pane when this Office cannot run the add-in: which features are
 * missing, and what to upgrade to.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { useLayout } from './common/layout';
import type { PaneEnvironment } from './environment';
import { useStrings } from './i18n';

export function NotSupported({ env }: { env: PaneEnvironment }) {
  const strings = useStrings();
  const layout = useLayout();
  const outsideOffice = env.host === 'other';
  const reasons = [
    ...(env.oldWebview ? [strings.notSupportedOldWebview] : []),
    ...(env.missingSets.length > 0 ? [strings.notSupportedMissing] : []),
    strings.notSupportedUpgrade(env.host === 'word' ? 'Word' : 'Excel'),
  ];
  // The requirement-set names mean nothing to the user; whoever helps them may need them.
  return (
    <main className={layout.pane} aria-labelledby="not-supported-title">
      <Text as="h1" size={500} weight="semibold">
        {strings.appTitle}
      </Text>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id="not-supported-title">{outsideOffice ? strings.notSupportedNoHost : strings.notSupportedTitle}</MessageBarTitle>
        </MessageBarBody>
      </MessageBar>
      {!outsideOffice &&
        reasons.map((line) => (
          <Text as="p" key={line}>
            {line}
          </Text>
        ))}
      {!outsideOffice && env.missingSets.length > 0 && (
        <Text as="p" size={200} className={layout.muted}>
          {strings.notSupportedDetail(env.missingSets)}
        </Text>
      )}
    </main>
  );
}

/** The pane cannot run here: an old webview, missing requirement sets, or no Excel/Word at all. */
export function isUnsupported(env: PaneEnvironment): boolean {
  return env.host === 'other' || env.oldWebview || env.missingSets.length > 0;
}
