/** Types for scripts/inline-page.js, for the tests that use its pieces. */
export const CHUNK_PAYLOAD_TYPE: string;
export function inlineScriptText(source: string, file: string): string;
export class InlinePagePlugin {
  constructor(options: { entry: string; template: string; filename: string; firstScreenBudget: number; fileBudget: number; enforce: boolean });
}
