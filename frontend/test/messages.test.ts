// The service's message codes rendered in English and Chinese: every code of the contract has a
// sentence in both, every placeholder is filled, and no Chinese sentence keeps English words of
// ours (names of products and formats aside).
import { beforeAll, describe, expect, it } from 'vitest';
import { failureKindValues, messageCodeValues } from '@store-importer/backend/contract';
import type { Message, MessageCode } from '../src/api';
import { messageKey, messageText, reasonText, upperSnake } from '../src/components/messages';
import locales from '../src/locales';
import { stubTranslate } from './support/translate';

/** Parameters for every placeholder of the code's sentences. */
function sample(code: MessageCode): Message {
  const template = `${locales.en[messageKey(code)]} ${locales.zh[messageKey(code)]}`;
  const params: Record<string, string | number> = {
    version: '1.0.0',
    kind: 'timed-out',
    removed: '«removed»',
  };
  for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
    if (name === undefined || name in params || ['entry', 'kindText', 'hint', 'removedText'].includes(name))
      continue;
    params[name] = name.endsWith('Bytes')
      ? 2_097_152
      : /count|max|gib|status|versions|charts/.test(name)
        ? 1500
        : `«${name}»`;
  }
  return { code, params, message: `english ${code}` };
}

/** Words a Chinese sentence may keep: names of products, formats and protocols. */
const KEPT =
  /\b(helm repo index|Chart\.yaml|Chart|KubeSphere|ks-core|Kubernetes|ConfigMap|etcd|S3|API|TLS|HTTP|SHA-1|sha256|MiB|GiB|application|library)\b/g;

describe.each(['en', 'zh'] as const)('messages in %s', (language) => {
  beforeAll(() => {
    stubTranslate(language);
  });

  it.each(messageCodeValues.map((code) => [code]))('renders %s with every placeholder filled', (code) => {
    const text = messageText(sample(code));
    expect(text).not.toBe(messageKey(code));
    expect(text).not.toMatch(/\{\w+\}/);
    expect(text).not.toContain('english');
    if (language === 'zh') {
      const ours = text
        .replace(/«\w+»/g, '')
        .replace(/"[^"]*"/g, '')
        .replace(KEPT, '');
      expect(ours).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

describe('failed calls', () => {
  it.each(failureKindValues.map((kind) => [kind]))(
    'says %s in words, with what to do, in en and zh',
    (kind) => {
      const key = upperSnake(kind);
      for (const language of ['en', 'zh'] as const) {
        const table: Record<string, string> = locales[language];
        expect(table[`MSG_KIND_${key}`], `${language} MSG_KIND_${key}`).toBeTruthy();
        expect(table[`MSG_HINT_${key}`], `${language} MSG_HINT_${key}`).toBeTruthy();
      }
    },
  );
});

describe('message parameters', () => {
  beforeAll(() => {
    stubTranslate('en');
  });

  it('shows sizes in human units and counts with separators', () => {
    const text = messageText({
      code: 'package-over-limit',
      params: { sizeBytes: 3_500_000, limitBytes: 1_048_576 },
      message: '',
    });
    expect(text).toContain('3.34 MiB');
    expect(text).toContain('1 MiB');
    expect(messageText({ code: 'large-plan', params: { count: 15000, gib: 15 }, message: '' })).toContain(
      '15,000 versions',
    );
  });

  it('names an index entry by its version, or as an entry', () => {
    const withVersion = {
      code: 'index-entry-no-url',
      params: { chart: 'a', version: '1.0.0' },
      message: '',
    } as const;
    expect(messageText(withVersion)).toBe('Chart "a": skipped version "1.0.0", it has no download URL.');
    expect(messageText({ ...withVersion, params: { chart: 'a' } })).toBe(
      'Chart "a": skipped an entry, it has no download URL.',
    );
    expect(messageText({ ...withVersion, params: { chart: 'a', version: '' } })).toBe(
      'Chart "a": skipped version "", it has no download URL.',
    );
  });

  it('says a slimmed package lost nothing, or what', () => {
    const slimmed = {
      code: 'slimmed',
      params: { fromBytes: 2_097_152, toBytes: 900_000, removed: '' },
    } as const;
    expect(messageText({ ...slimmed, message: '' })).toBe('Slimmed from 2 MiB to 879 KiB.');
    expect(
      messageText({ ...slimmed, params: { ...slimmed.params, removed: 'charts/big' }, message: '' }),
    ).toBe('Slimmed from 2 MiB to 879 KiB, removed charts/big.');
  });

  it('keeps the English reason of an item recorded without messages', () => {
    expect(reasonText({ reason: 'an old reason' })).toBe('an old reason');
    expect(
      reasonText({
        reason: 'x; y',
        reasons: [
          { code: 'draft-completed', params: {}, message: 'x' },
          { code: 'uploaded-concurrently', params: {}, message: 'y' },
        ],
      }),
    ).toBe('Completed a draft left by an earlier run. Uploaded by another import running at the same time.');
  });
});
