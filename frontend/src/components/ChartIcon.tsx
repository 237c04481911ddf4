// A chart's icon, or the App Store's default icon when it has none, its URL is not http(s) or
// data:image, or the image fails to load.
import { Appcenter } from '@kubed/icons';
import { useState } from 'react';
import styled from 'styled-components';

const Frame = styled.span<{ $size: number }>`
  display: inline-flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: ${({ $size }) => $size}px;
  height: ${({ $size }) => $size}px;

  img {
    max-width: 100%;
    max-height: 100%;
    object-fit: contain;
  }
`;

function usable(url: string | undefined): url is string {
  return url !== undefined && /^(https?:\/\/|data:image\/)/i.test(url.trim());
}

export function ChartIcon({ src, size = 32 }: { src?: string; size?: number }) {
  const [broken, setBroken] = useState<string>();
  const show = usable(src) && broken !== src;
  return (
    <Frame $size={size} data-testid="chart-icon" data-fallback={show ? undefined : ''}>
      {show ? (
        <img
          src={src}
          alt=""
          loading="lazy"
          referrerPolicy="no-referrer"
          onError={() => {
            setBroken(src);
          }}
        />
      ) : (
        <Appcenter size={size} />
      )}
    </Frame>
  );
}
