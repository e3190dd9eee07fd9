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

/** A version already released, and where that was read. */
export interface ReleasedVersion {
  version: string;
  id?: string;
  from: string;
}

export interface BuiltManifestCheck extends ManifestCheck {
  /** The address every URL must lie under: the one given, or the folder of <SourceLocation>. */
  publicUrl: string | undefined;
  /** Whether publicUrl was taken from <SourceLocation> rather than given. */
  inferred: boolean;
}

/** The built manifest (dist/web/manifest.xml) as a release: validateManifest's checks plus URLs, version and Id. */
export function validateBuiltManifest(xml: string, options?: { publicUrl?: string; source?: string; released?: ReleasedVersion[] }): BuiltManifestCheck;
export function readReleasedList(content: string, from: string): ReleasedVersion[];
export function compareVersions(a: string, b: string): -1 | 0 | 1;
