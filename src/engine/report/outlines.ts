/**
 * The outlines of domain.md §5, as data: adding a region's outline is adding an entry here.
 * Numbering is not written here; it follows from the depth and order of the nodes.
 */
import type { OutlineId, SectionId } from './model';

export interface OutlineNode {
  title?: string;
  /** The generated text under the heading. */
  piece?: SectionId;
  /** The indicator table goes after the piece's text. */
  table?: boolean;
  children?: OutlineNode[];
}

const results = (suffix: string): OutlineNode[] => [
  { title: `产出指标完成情况${suffix}`, piece: 'outputs' },
  { title: `效益指标完成情况${suffix}`, piece: 'benefits' },
  { title: `满意度指标完成情况${suffix}`, piece: 'satisfaction' },
];

export const OUTLINES: Record<OutlineId, OutlineNode[]> = {
  'special-fund': [
    { piece: 'intro' },
    {
      title: '绩效目标分解下达情况',
      children: [
        { title: '资金下达情况', piece: 'allocation' },
        { title: '绩效目标设定情况', piece: 'target-setting', table: true },
      ],
    },
    { title: '绩效自评工作开展情况', piece: 'work' },
    {
      title: '绩效目标自评完成情况分析',
      piece: 'score',
      children: [
        {
          title: '资金投入情况分析',
          children: [
            { title: '项目资金到位情况分析', piece: 'funds-arrival' },
            { title: '项目资金执行情况分析', piece: 'funds-execution' },
            { title: '项目资金管理情况分析', piece: 'funds-management' },
          ],
        },
        { title: '绩效目标实际完成情况分析', children: results('分析') },
      ],
    },
    {
      title: '偏离绩效目标的原因和下一步改进措施',
      children: [
        { title: '偏离绩效目标的原因', piece: 'deviation' },
        { title: '下一步改进措施', piece: 'improvement' },
      ],
    },
    { title: '绩效自评结果拟应用和公开情况', piece: 'application' },
  ],
  'hunan-unit': [
    { piece: 'intro' },
    {
      title: '基本情况',
      children: [
        { title: '项目概况', piece: 'allocation' },
        { title: '绩效目标', piece: 'target-setting' },
      ],
    },
    {
      title: '项目资金使用及管理情况',
      children: [
        { title: '资金到位情况', piece: 'funds-arrival' },
        { title: '资金使用情况', piece: 'funds-execution' },
        { title: '资金管理情况', piece: 'funds-management' },
      ],
    },
    { title: '预算支出组织实施情况', piece: 'implementation' },
    { title: '预算支出绩效情况', piece: 'score', table: true, children: results('') },
    { title: '存在的问题及原因分析', piece: 'deviation' },
    { title: '几点建议', piece: 'improvement' },
    { title: '其他需要说明的问题', piece: 'application' },
  ],
  yunnan: [
    { piece: 'intro' },
    {
      title: '自评结论',
      children: [
        { title: '自评得分', piece: 'score' },
        {
          title: '绩效目标完成情况',
          piece: 'target-setting',
          table: true,
          children: [{ title: '预算执行情况', piece: 'funds-execution' }, ...results('')],
        },
        { title: '存在的问题和原因分析', piece: 'deviation' },
        { title: '下一步拟改进措施', piece: 'improvement' },
      ],
    },
    { title: '佐证材料', piece: 'evidence' },
  ],
};

/** The title of the part holding a piece ("偏离绩效目标的原因" for 'deviation'), for cross-references and wording. */
export function titleOf(nodes: OutlineNode[], piece: SectionId): string | undefined {
  for (const node of nodes) {
    if (node.piece === piece) return node.title;
    const found = titleOf(node.children ?? [], piece);
    if (found) return found;
  }
  return undefined;
}
