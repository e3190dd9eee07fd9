/** The engine's public face: what hosts (task pane, ribbon command, CLI) import. */
export { evaluateGrid, type EvaluateOptions, type EvaluateOutcome, type SheetFailure, type TableChoice } from './evaluate';
export type { Evaluation, IndicatorResult, FundsResult, Problem, ProjectInfo } from './evaluation';
export { normaliseMerges, type Grid, type GridCell, type CellRange } from './grid';
export { BUILT_IN_PROFILES, DEFAULT_PROFILE_ID, findProfile, type RuleProfile } from './rules/profile';
export { STATUS_LABELS } from './labels';
export type { WritePlan, CellWrite } from './write-plan';
export { FILLS } from './write-plan';
