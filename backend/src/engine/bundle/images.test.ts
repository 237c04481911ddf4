import { describe, expect, it } from 'vitest';

import { imagesFromAnnotations, imagesFromValues } from './images.js';

describe('imagesFromAnnotations', () => {
  it("reads Artifact Hub's list, sorted and once each", () => {
    const annotations = {
      'artifacthub.io/images':
        '- name: app\n  image: quay.io/org/app:1.2.3\n- name: db\n  image: docker.io/library/postgres:16@sha256:' +
        'a'.repeat(64) +
        '\n- name: again\n  image: quay.io/org/app:1.2.3\n',
    };
    expect(imagesFromAnnotations(annotations)).toEqual([
      `docker.io/library/postgres:16@sha256:${'a'.repeat(64)}`,
      'quay.io/org/app:1.2.3',
    ]);
  });

  it("reads Bitnami's images annotation", () => {
    expect(
      imagesFromAnnotations({
        images: '- name: nginx\n  image: docker.io/bitnami/nginx:1.25.3-debian-11-r1\n',
      }),
    ).toEqual(['docker.io/bitnami/nginx:1.25.3-debian-11-r1']);
  });

  it('is undefined without an annotation, or with one that is not such a list', () => {
    expect(imagesFromAnnotations({})).toBeUndefined();
    expect(imagesFromAnnotations({ 'artifacthub.io/images': 'just text' })).toBeUndefined();
    expect(imagesFromAnnotations({ images: '[: not yaml' })).toBeUndefined();
  });
});

describe('imagesFromValues', () => {
  it('finds image strings and registry/repository/tag maps, an empty tag being the appVersion', () => {
    const values = [
      'image:',
      '  repository: nginx',
      '  tag: ""',
      'metrics:',
      '  image:',
      '    registry: docker.io',
      '    repository: bitnami/exporter',
      '    tag: 0.11.0',
      'sidecar:',
      '  image: busybox:1.36',
      'init:',
      '  enabled: true',
      '  repository: not-an-image',
      'templated:',
      '  image: "{{ .Values.x }}"',
    ].join('\n');
    expect(imagesFromValues(values, '1.16.0')).toEqual([
      'busybox:1.36',
      'docker.io/bitnami/exporter:0.11.0',
      'nginx:1.16.0',
    ]);
  });

  it('finds nothing in values that are not YAML or name no image', () => {
    expect(imagesFromValues('a: [', undefined)).toEqual([]);
    expect(imagesFromValues('replicas: 2\nservice:\n  port: 80\n', undefined)).toEqual([]);
  });
});
