/**
 * A Select that never widens the pane: a native <select> is as wide as its longest option (a
 * profile name runs to twenty characters), which pushed a 320 px pane sideways.
 */
import { mergeClasses, Select, type SelectProps } from '@fluentui/react-components';
import { useLayout } from './layout';

export function PaneSelect({ className, ...props }: SelectProps) {
  const layout = useLayout();
  return <Select {...props} className={mergeClasses(layout.fill, className)} select={{ className: layout.fill }} />;
}
