/** Types for scripts/validate-manifest.js, so that tests can call the checker directly. */
export interface ManifestIssue {
  /** Stable code, e.g. "dangling-resid", "version", "not-https". */
  code: string;
  /** zh-CN, naming the line when known. */
  message: string;
  messageEn: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export interface ManifestCheck {
  ok: boolean;
  issues: ManifestIssue[];
}

export function validateManifest(xml: string): ManifestCheck;
export function validateManifestFile(file: string): ManifestCheck;
