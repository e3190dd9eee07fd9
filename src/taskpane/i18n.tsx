/** The pane's strings reach every component through context, so no component reads Office's language. */
import { createContext, useContext, type ReactNode } from 'react';
import { STRINGS, type Strings } from './strings';

const StringsContext = createContext<Strings>(STRINGS.zh);

export function StringsProvider({ strings, children }: { strings: Strings; children: ReactNode }) {
  return <StringsContext.Provider value={strings}>{children}</StringsContext.Provider>;
}

export function useStrings(): Strings {
  return useContext(StringsContext);
}
