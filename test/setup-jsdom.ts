// jsdom lacks TextEncoder/TextDecoder, which the docx packer and React's server helpers need.
import { TextDecoder, TextEncoder } from 'node:util';

if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}
