/** A unique element id with a readable prefix, for aria-labelledby. */
import { useId } from 'react';

export function useIdFor(prefix: string): string {
  return `${prefix}-${useId().replace(/:/g, '')}`;
}
