import type { IndicatorKind, IndicatorResult, IndicatorStatus } from './evaluation';

/** How each status is named to the user, zh-CN and en-US. */
export const STATUS_LABELS: Record<IndicatorStatus, { zh: string; en: string }> = {
  met: { zh: '达标', en: 'met' },
  exceeded: { zh: '超额', en: 'exceeded' },
  unmet: { zh: '未达标', en: 'not met' },
  'missing-actual': { zh: '缺实际值', en: 'no actual' },
  'needs-judgement': { zh: '待评定', en: 'needs judgement' },
  unreadable: { zh: '无法识别', en: 'unreadable' },
  'not-applicable': { zh: '不适用', en: 'not applicable' },
};

/** On a score-only form a row is not met or missed but scored as the unit entered it: say that. */
const ENTERED_LABELS: Partial<Record<IndicatorStatus, { zh: string; en: string }>> = {
  met: { zh: '满分', en: 'full marks' },
  unmet: { zh: '扣分', en: 'points off' },
  'missing-actual': { zh: '未填得分', en: 'no score' },
  unreadable: { zh: '得分有误', en: 'score invalid' },
};

export function statusLabel(indicator: { status: IndicatorStatus; kind?: IndicatorKind }): { zh: string; en: string } {
  return (indicator.kind === 'entered' ? ENTERED_LABELS[indicator.status] : undefined) ?? STATUS_LABELS[indicator.status];
}

/**
 * Why a row scored as it did, in Chinese: the engine's flag ("未完成（完成率87.5%）", "超目标较多（完成率160%）"),
 * which is what the sheet's flag column holds, or else the status. The pane, the command line and
 * the batch summary say the same.
 */
export function rowReason(row: Pick<IndicatorResult, 'flag' | 'status' | 'kind'>): string {
  return row.flag || statusLabel(row).zh;
}
