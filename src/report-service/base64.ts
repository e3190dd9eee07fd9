/**
 * Base64 for the .docx handed to Word and to the report dialog. Browser-safe on purpose: no
 * Buffer (the task pane has none), only btoa/atob, which browsers and Node ≥ 16 both provide.
 */

// String.fromCharCode(...bytes) takes its bytes as call arguments, and engines cap the argument
// count (about 65k in JavaScriptCore): convert in slices well under that.
const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(at, at + SLICE));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
