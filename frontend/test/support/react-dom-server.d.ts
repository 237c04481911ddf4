// react-dom 17's server renderer, as the README renderer's test uses it (@types/react-dom is not
// installed: nothing else of the page needs it).
declare module 'react-dom/server' {
  import type { ReactElement } from 'react';

  export function renderToStaticMarkup(element: ReactElement): string;
}
