// styled-components' theme is kube-design's: the console wraps every page in its KubedThemeProvider.
import type { KubedTheme } from '@kubed/components';

declare module 'styled-components' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefaultTheme extends KubedTheme {}
}
