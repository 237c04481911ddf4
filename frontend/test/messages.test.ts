// The service's message codes rendered in English and Chinese: every code of the contract has a
// sentence in both, every placeholder is filled, and no Chinese sentence keeps English words of
// ours (names of products and formats aside).
import { beforeAll, describe, expect, it } from 'vitest';
import { failureKindValues, messageCodeValues } from '@store-importer/backend/contract';
import type { Message, MessageCode } from '../src/api';
import { messageKey, messageText, reasonText, upperSnake } from '../src/components/messages';
import locales from '../src/locales';
import { stubTranslate, translate } from './support/translate';

/** Parameters for every placeholder of the code's sentences. */
function sample(code: MessageCode): Message {
  const template = `${locales.en[messageKey(code)]} ${locales.zh[messageKey(code)]}`;
  const params: Record<string, string | number> = {
    version: '1.0.0',
    kind: 'timed-out',
    removed: '«removed»',
    // Kinds of a Chart.yaml value, shown as {expectedText} and {actualText}.
    expectedKind: 'mapping',
    actualKind: 'list',
  };
  for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
    if (
      name === undefined ||
      name in params ||
      ['entry', 'kindText', 'hint', 'removedText', 'expectedText', 'actualText', 'problemText'].includes(name)
    )
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
  /\b(helm repo index|Chart\.yaml|Chart|KubeSphere|ks-core|Kubernetes|ConfigMap|etcd|S3|API|TLS|HTTPS|HTTP|SHA-1|sha256|MiB|GiB|application|library|gzip|tar|YAML|helm package|Helm|true|false|HTML|JSON|apiVersion|entries)\b/g;

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

  it.each(['en', 'zh'] as const)('says where an index is invalid, never "column 0", in %s', (language) => {
    stubTranslate(language);
    const at = (line: number, column: number) =>
      messageText({
        code: 'index-invalid-yaml',
        params: { url: 'https://x.example.com/index.yaml', line, column, reason: 'bad' },
        message: '',
      });
    const table: Record<string, string> = locales[language];
    expect(at(3, 7)).toContain(table.MSG_AT_LINE?.replace('{line}', '3').replace('{column}', '7'));
    expect(at(3, 0)).toContain(table.MSG_AT_LINE_ONLY?.replace('{line}', '3'));
    expect(at(3, 0)).not.toMatch(/column|列/);
    expect(at(0, 0)).not.toMatch(/line|行/);
    stubTranslate('en');
  });

  it.each(['en', 'zh'] as const)('says why the outbound policy blocked an address, in %s', (language) => {
    stubTranslate(language);
    const categories = Object.keys(locales.en)
      .filter((key) => key.startsWith('MSG_BLOCKED_'))
      .map((key) => key.slice('MSG_BLOCKED_'.length));
    expect(categories).toEqual(expect.arrayContaining(['PRIVATE', 'METADATA', 'INTERNALNAME', 'LINKLOCAL']));
    for (const key of categories) {
      const category =
        key === 'INTERNALNAME' ? 'internalName' : key === 'LINKLOCAL' ? 'linkLocal' : key.toLowerCase();
      const params = {
        problem: 'English',
        host: 'repo.internal',
        address: '10.0.0.1',
        range: '10.0.0.0/8',
        category,
      };
      const text = messageText({ code: 'address-blocked', params, message: '' });
      expect(text, key).not.toMatch(/\{\w+\}|English/);
      if (language === 'zh')
        expect(text.replace(/"[^"]*"|“[^”]*”|outbound\.\w+|https?|oci/g, ''), key).not.toMatch(
          /[A-Za-z]{3,}/,
        );
    }
    // A message recorded before categories were sent keeps its English text.
    expect(messageText({ code: 'address-blocked', params: { problem: 'English' }, message: '' })).toContain(
      'English',
    );
    stubTranslate('en');
  });

  it.each(['en', 'zh'] as const)('says why a signature failed, in %s', (language) => {
    stubTranslate(language);
    const whys = Object.keys(locales.en)
      .filter((key) => key.startsWith('MSG_SIGNATURE_WHY_'))
      .map((key) => key.slice('MSG_SIGNATURE_WHY_'.length).toLowerCase().replaceAll('_', '-'));
    expect(whys).toEqual(expect.arrayContaining(['unknown-key', 'digest-mismatch', 'bundle', 'no-keyring']));
    const names = ['keyId', 'signedName', 'signedVersion', 'fileName', 'actual', 'signed', 'signedDigest'];
    const params = Object.fromEntries(
      [...names, 'manifestDigest', 'detail'].map((name) => [name, `«${name}»`]),
    );
    for (const why of whys) {
      for (const code of ['signature-invalid', 'signature-unchecked'] as const) {
        const text = messageText({
          code,
          params: { chart: 'c', version: '1', problem: 'English', why, ...params },
          message: '',
        });
        expect(text, why).not.toMatch(/\{\w+\}|English/);
        if (language === 'zh')
          expect(
            text.replace(/«\w+»/g, '').replace(/\b(PGP|OpenPGP|YAML|Helm|cosign)\b/g, ''),
            why,
          ).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
    // Both ways wrong: the second reason too, with its own names (under `also.`).
    const both = messageText({
      code: 'signature-invalid',
      params: {
        chart: 'c',
        version: '1',
        problem: 'English',
        why: 'unknown-key',
        keyId: 'AAAA',
        alsoWhy: 'cosign-other-manifest',
        'also.signedDigest': 'sha256:bbbb',
        'also.manifestDigest': 'sha256:cccc',
      },
      message: '',
    });
    expect(both).toContain(translate(language, 'MSG_SIGNATURE_WHY_UNKNOWN_KEY', { keyId: 'AAAA' }));
    expect(both).toContain(
      translate(language, 'MSG_SIGNATURE_WHY_COSIGN_OTHER_MANIFEST', {
        signedDigest: 'sha256:bbbb',
        manifestDigest: 'sha256:cccc',
      }),
    );
    // A message recorded before reasons were sent keeps its English text.
    expect(
      messageText({
        code: 'signature-invalid',
        params: { chart: 'c', version: '1', problem: 'English' },
        message: '',
      }),
    ).toContain('English');
    stubTranslate('en');
  });

  it.each(['en', 'zh'] as const)('says why an icon was not stored, in %s', (language) => {
    stubTranslate(language);
    const whys = Object.keys(locales.en)
      .filter((key) => key.startsWith('MSG_ICON_WHY_'))
      .map((key) => key.slice('MSG_ICON_WHY_'.length).toLowerCase().replaceAll('_', '-'));
    expect(whys).toEqual(expect.arrayContaining(['scheme', 'too-large', 'fetch-failed', 'svg-external']));
    const params = {
      scheme: '«scheme»',
      limitBytes: 262_144,
      contentType: '«type»',
      detail: '«detail»',
      heightPx: 2000,
      widthPx: 256,
      kind: 'timed-out',
    };
    for (const why of whys) {
      const text = messageText({
        code: 'icon-not-stored',
        params: { chart: 'c', problem: 'English', why, ...params },
        message: '',
      });
      expect(text, why).not.toMatch(/\{\w+\}|English/);
      if (language === 'zh')
        expect(
          text
            .replace(/«\w+»|"[^"]*"/g, '')
            .replace(/\b(KubeSphere|Chart|PNG|JPEG|GIF|WebP|SVG|XML|URI|data|https?|base64|px|KiB)\b/g, ''),
          why,
        ).not.toMatch(/[A-Za-z]{3,}/);
    }
    expect(
      messageText({ code: 'icon-not-stored', params: { chart: 'c', problem: 'English' }, message: '' }),
    ).toContain('English');
    stubTranslate('en');
  });

  it.each([
    [
      'request-invalid',
      'MSG_REQUEST_WHY_',
      ['required', 'unknown-field', 'key-mismatch', 'require-with-bundle'],
    ],
    ['verify-keys-invalid', 'MSG_KEYS_WHY_', ['keys-missing', 'keyring-secret', 'cosign-key-type']],
  ] as const)('says why %s in English and Chinese, naming the field', (code, prefix, known) => {
    const whys = Object.keys(locales.en)
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length).toLowerCase().replaceAll('_', '-'));
    expect(whys).toEqual(expect.arrayContaining([...known]));
    const params = {
      field: '«field»',
      other: '«other»',
      key: '«key»',
      cert: '«cert»',
      allowed: '«allowed»',
      limit: 7,
      depth: 32,
      policy: '«policy»',
      reason: '«reason»',
      keyType: '«keyType»',
      wildcards: 3,
      url: '«url»',
    };
    for (const language of ['en', 'zh'] as const) {
      stubTranslate(language);
      for (const why of whys) {
        const text = messageText({ code, params: { problem: 'English', why, ...params }, message: '' });
        expect(text, why).not.toMatch(/\{\w+\}|English/);
        if (language === 'zh')
          expect(
            text
              .replace(
                /«\w+»|"[^"]*"|gpg --export --armor KEY-ID|cosign generate-key-pair|cosign\.pub|\b(https?|oci):\/\/(registry\[:port\]\/path\/chart)?/g,
                '',
              )
              .replace(
                /\b(JSON|Content-Type|application\/json|cron|PEM|OpenPGP|Helm|OCI|Chart|KubeSphere|cosign|ECDSA|RSA|Ed25519|glob)\b/g,
                '',
              ),
            why,
          ).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
    // Without a reason (an older answer), the English text the service gave.
    expect(messageText({ code, params: { problem: 'English' }, message: '' })).toContain('English');
    stubTranslate('en');
  });

  it.each(['en', 'zh'] as const)('says the coded cause a message carries, in %s', (language) => {
    stubTranslate(language);
    const unread = (cause: Record<string, string>) =>
      messageText({
        code: 'oci-metadata-unread',
        params: { chart: 'c', version: '1', problem: 'English cause', ...cause },
        message: '',
      });
    const text = unread({
      causeCode: 'registry-token-missing',
      'cause.problem': 'English cause',
      'cause.registry': 'r.io',
    });
    expect(text).not.toContain('English');
    expect(text).toContain(translate(language, 'MSG_REGISTRY_TOKEN_MISSING', { registry: 'r.io' }));
    // Without a code the page knows, the cause's English text.
    expect(unread({ causeCode: 'no-such-code' })).toContain('English cause');
    stubTranslate('en');
  });

  it("names a Chart.yaml value's kinds, and where a bad key is", () => {
    const wrongKind = {
      code: 'chart-yaml-wrong-kind',
      params: { file: 'demo/Chart.yaml', path: 'maintainers', expectedKind: 'list', actualKind: 'string' },
      message: '',
    } as const;
    expect(messageText(wrongKind)).toBe('demo/Chart.yaml: maintainers must be a list, not a string.');
    const key = { code: 'chart-yaml-key-not-string', message: '' } as const;
    expect(messageText({ ...key, params: { file: 'Chart.yaml', path: '', actualKind: 'list' } })).toBe(
      'Chart.yaml: a key is not a string (a list).',
    );
    expect(
      messageText({ ...key, params: { file: 'Chart.yaml', path: 'annotations', actualKind: 'null' } }),
    ).toBe('Chart.yaml: a key under annotations is not a string (null).');
    stubTranslate('zh');
    expect(messageText(wrongKind)).toBe('demo/Chart.yaml：maintainers 应为列表，而不是字符串。');
    stubTranslate('en');
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
