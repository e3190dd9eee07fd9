/**
 * An .xlsx package as parts by path, for applyPlanToXlsx, read through ZipArchive. Every
 * part is checked before the package is used, so no damaged part is ever copied into a scored
 * file: once by the reader when it read these very bytes (xlsx-prepare), or here.
 */

import { utf8Text } from '../bytes';
import type { Compressed } from './deflate';
import { assertXlsxSignature, XlsxInputError } from '../errors';
import { normalisePart, normaliseSheet } from '../normalise';
import { verifiedArchive, type VerifiedArchive } from '../prepare';
import { ZipArchive } from './zip';

/** The parts of the .xlsx by path. */
export interface Package {
  has(path: string): boolean;
  /**
   * An XML part in the form the patchers understand: UTF-8, no prefix on the package's own
   * elements, rows and cells with `r`, no CDATA. Saving it in place of the part says the same.
   */
  readXml(path: string, role: 'worksheet' | 'part'): Uint8Array;
  /** Replaces an existing part with new, deflated content. */
  replace(path: string, content: Compressed): void;
  /** The new file: replaced parts as given, the others as they were. */
  save(): Uint8Array;
}

export function openPackage(bytes: Uint8Array): Package {
  const { zip, plainParts } = verifiedArchive(bytes) ?? verify(bytes);
  const replacements = new Map<string, Compressed>();
  return {
    has: (path) => zip.has(path),
    readXml: (path, role) => {
      const raw = zip.read(path);
      if (plainParts.has(path)) return raw;
      return role === 'worksheet' ? normaliseSheet(raw, path, 'write').xml : normalisePart(raw, path).xml;
    },
    replace: (path, content) => {
      if (!zip.has(path)) throw new XlsxInputError('corrupt');
      replacements.set(path, content);
    },
    save: () => zip.toBytes(replacements),
  };
}

export function readText(pkg: Package, path: string): string {
  return utf8Text(pkg.readXml(path, 'part'));
}

function verify(bytes: Uint8Array): VerifiedArchive {
  assertXlsxSignature(bytes);
  const zip = ZipArchive.open(bytes);
  zip.verifyAll();
  return { zip, plainParts: new Set() };
}
