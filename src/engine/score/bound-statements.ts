/**
 * Bounds stated in words ("≤批复预算", "不低于上年") and actuals that answer them in other words
 * ("未超预算", "高于上年", "与上年持平"). Only the same object counts: "未超预算" answers "≤预算数",
 * but says nothing of "≤上年".
 */

const CEILING_TARGET = /^(?:≤|<=|≦|不超过|不超出|不高于|不大于|控制在)(.+?)(?:以内|之内|范围内|内)?$/;
const CEILING_KEPT = /^(?:未超过|未超出|未超|没有超过|没有超出|没超过|没超出|不超过|不超出|不高于|控制在|低于|少于|小于)(.+?)(?:以内|之内|范围内|内)?$/;

const FLOOR_TARGET = /^(?:≥|>=|≧|不低于|不少于|不小于|达到)(.+?)(?:水平)?$/;
const FLOOR_KEPT = /^(?:高于|超过|超出|多于|大于|优于|好于|不低于|不少于|达到|持平于?)(.+?)(?:水平)?$/;
/** "基本持平", "略低于": close, but whether the bound was kept is the user's call. */
const HEDGED = /基本|大致|大体|略|接近/;
/** "与上年持平", "与上年度基本持平" ("基本" is hedged: left to the user). */
const LEVEL_WITH = /^与(.+?)(?:水平)?持平$/;

/** "预算" and "预算数", "上年" and "上年度": one written more fully than the other. */
function sameObject(a: string, b: string): boolean {
  return a !== '' && b !== '' && (a.startsWith(b) || b.startsWith(a));
}

/** Whether the actual states that the bound the target sets in words was kept. */
export function keepsStatedBound(wanted: string, said: string): boolean {
  if (HEDGED.test(said)) return false;
  const ceiling = CEILING_TARGET.exec(wanted);
  if (ceiling) {
    const kept = CEILING_KEPT.exec(said);
    return kept !== null && sameObject(ceiling[1], kept[1]);
  }
  const floor = FLOOR_TARGET.exec(wanted);
  if (!floor) return false;
  if (said === '持平') return true;
  const kept = FLOOR_KEPT.exec(said) ?? LEVEL_WITH.exec(said);
  return kept !== null && sameObject(floor[1], kept[1]);
}
