/**
 * Built-ins the page's libraries use that its oldest target browsers lack (Chrome 80–83 and
 * Firefox 78 have no WeakRef; Fluent UI's focus manager, tabster, creates one per focusable
 * element it tracks). Imported first by index.tsx. Found by the end-to-end test run with the
 * old-browser prelude (test/e2e/old-browser.ts), which deletes these.
 */

if (typeof WeakRef === 'undefined') {
  /**
   * A WeakRef that holds its target strongly: garbage collection cannot be reached from script, so
   * this is the only honest stand-in. tabster uses deref() to look an element up again, which this
   * answers the same way; the cost is that removed elements it tracked stay in memory until the
   * page is closed, which for a page holding a few forms is nothing.
   */
  class StrongRef<T extends object> {
    constructor(private readonly target: T) {}

    deref(): T | undefined {
      return this.target;
    }
  }
  Object.defineProperty(globalThis, 'WeakRef', { value: StrongRef, configurable: true, writable: true });
}

export {};
