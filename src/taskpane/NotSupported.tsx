/**
 * Shown instead of a blank pane when this Office cannot run the add-in: which features are
 * missing, what to upgrade to, and the 网页版 that needs no Office at all.
 */
import { Link, MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { useLayout } from './common/layout';
import type { PaneEnvironment } from './environment';
import { useStrings } from './i18n';

/** The 网页版's file, beside the pane's own page. */
export const WEB_PAGE_FILE = '绩效自评助手.html';

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
      <Text as="p">{strings.notSupportedWebPage}</Text>
      <Text as="p">
        {/* served beside the pane (webpack.config.js, WEB_PAGE); in Office a new window opens in the browser */}
        <Link href={WEB_PAGE_FILE} target="_blank" rel="noopener">
          {strings.webPageLink}
        </Link>
      </Text>
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
