import type { IndicatorStatus } from './evaluation';

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
