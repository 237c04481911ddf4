import { describe, expect, it } from 'vitest';

import { tagToVersion, versionToTag } from './oci-helm.js';

describe('tags and versions', () => {
  it('turns _ back into + (Helm stores + as _ in tags)', () => {
    expect(tagToVersion('1.0.0_build.1')).toBe('1.0.0+build.1');
    expect(versionToTag('1.0.0+build.1')).toBe('1.0.0_build.1');
  });
});
