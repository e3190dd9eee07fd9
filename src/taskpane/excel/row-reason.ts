/**
 * Why a row scored as it did: in Chinese the engine's own reason (engine/labels.ts, which the batch
 * summary uses too). The flag is Chinese only (it is what the sheet's flag column holds), so the
 * English pane says the same from the row's status and completion instead.
 */
import type { IndicatorResult } from '../../engine/evaluation';
import { rowReason as reasonZh, statusLabel } from '../../engine/labels';
import { completionText } from '../../engine/messages';
import type { Strings } from '../strings';

export function rowReason(row: IndicatorResult, strings: Strings): string {
  if (strings.lang === 'zh') return reasonZh(row);
  const completion = row.completion === undefined ? undefined : completionText(row.completion);
  if (row.kind === 'entered') return capitalise(statusLabel(row).en);
  switch (row.status) {
    case 'met':
      return row.scoreFromUser ? 'Met (score set by hand)' : 'No deviation';
    case 'exceeded':
      return `Well over target${completion ? ` (${completion} of target)` : ''}: explain why`;
    case 'unmet':
      return `Not met${completion ? ` (${completion} of target)` : ''}`;
    case 'missing-actual':
      return 'No actual value: scored 0 until it is filled in';
    case 'needs-judgement':
      return 'Needs your judgement';
    case 'unreadable':
      return 'Cannot be read: see the problems below';
    case 'not-applicable':
      return 'Not applicable: not scored';
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
