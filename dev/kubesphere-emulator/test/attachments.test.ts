// The attachments API (ks-core pkg/kapis/application/v2/attachments.go): multipart upload of one
// file, read back as base64, delete by comma-separated ids; the ConfigMap store, OSS and RBAC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, start } from './helpers.js';

let api: Api;

beforeAll(async () => {
  api = await start();
});
afterAll(async () => {
  await api.close();
});

function form(files: Record<string, Buffer>): FormData {
  const data = new FormData();
  for (const [field, bytes] of Object.entries(files))
    data.append(field, new Blob([new Uint8Array(bytes)]), `${field}.png`);
  return data;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('POST /attachments', () => {
  it('stores the file under <field>-att-<5 chars> and GET answers it as base64', async () => {
    const created = await api.req('POST', '/attachments', undefined, { raw: form({ icon: PNG }) });
    expect(created.status).toBe(200);
    const id = (created.json as { attachment_id: string }).attachment_id;
    expect(id).toMatch(/^icon-att-[a-z0-9]{5}$/);
    // GET answers the struct's fields in Go order, pretty-printed with one space
    const read = await api.req('GET', `/attachments/${id}`);
    expect(read.status).toBe(200);
    expect(read.text).toBe(
      `{\n "attachment_content": {\n  "raw": "${PNG.toString('base64')}"\n },\n "attachment_id": "${id}"\n}`,
    );
  });

  it('is also served under /workspaces/{workspace}', async () => {
    const created = await api.req('POST', '/workspaces/demo/attachments', undefined, {
      raw: form({ screenshot: PNG }),
    });
    expect(created.status).toBe(200);
    const id = (created.json as { attachment_id: string }).attachment_id;
    expect(id).toMatch(/^screenshot-att-/);
    expect((await api.req('GET', `/workspaces/demo/attachments/${id}`)).status).toBe(200);
  });

  it('keeps one file of several', async () => {
    const created = await api.req('POST', '/attachments', undefined, {
      raw: form({ a: PNG, b: Buffer.from('other') }),
    });
    expect(created.status).toBe(200);
    expect((created.json as { attachment_id: string }).attachment_id).toMatch(/^a-att-/);
  });

  it('answers null when the form has no file, and 400 when the body is not multipart', async () => {
    const none = new FormData();
    none.append('field', 'value');
    const empty = await api.req('POST', '/attachments', undefined, { raw: none });
    expect(empty.status).toBe(200);
    expect(empty.text).toBe('null');

    const json = await api.req('POST', '/attachments', { icon: 'x' });
    expect(json.status).toBe(400);
    expect(json.text).toBe("request Content-Type isn't multipart/form-data\n");

    const noBoundary = await api.req('POST', '/attachments', undefined, {
      raw: 'x',
      contentType: 'multipart/form-data',
    });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.text).toBe('no multipart boundary param in Content-Type\n');
  });

  it('is refused to a viewer by the authorizer', async () => {
    const r = await api.req('POST', '/attachments', undefined, {
      raw: form({ icon: PNG }),
      token: api.emu.viewerToken,
    });
    expect(r.status).toBe(403);
    expect((r.json as { message: string }).message).toBe(
      'attachments.application.kubesphere.io is forbidden: User "viewer" cannot create resource "attachments" in API group "application.kubesphere.io" at the cluster scope',
    );
  });
});

describe('GET and DELETE /attachments/{attachment}', () => {
  it('answers 404 for an unknown id, and DELETE removes several ids at once, ignoring missing ones', async () => {
    expect((await api.req('GET', '/attachments/icon-att-zzzzz')).text).toBe(
      'ConfigMap "icon-att-zzzzz" not found\n',
    );
    const ids: string[] = [];
    for (const field of ['one', 'two']) {
      const r = await api.req('POST', '/attachments', undefined, { raw: form({ [field]: PNG }) });
      ids.push((r.json as { attachment_id: string }).attachment_id);
    }
    const deleted = await api.req('DELETE', `/attachments/${ids.join(',')},missing-att-xxxxx`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    for (const id of ids) expect((await api.req('GET', `/attachments/${id}`)).status).toBe(404);
  });
});

describe('the stores', () => {
  it('without the openpitrix namespace: POST is a 400 naming the missing namespace', async () => {
    const noop = await start({ openpitrix: false });
    try {
      const r = await noop.req('POST', '/attachments', undefined, { raw: form({ icon: PNG }) });
      expect(r.status).toBe(400);
      expect(r.text).toBe('namespaces "extension-openpitrix" not found\n');
    } finally {
      await noop.close();
    }
  });

  it('with OSS: stored there and read back', async () => {
    const oss = await start({ ossStore: true });
    try {
      const r = await oss.req('POST', '/attachments', undefined, { raw: form({ icon: PNG }) });
      const id = (r.json as { attachment_id: string }).attachment_id;
      const read = await oss.req('GET', `/attachments/${id}`);
      expect((read.json as { attachment_content: { raw: string } }).attachment_content.raw).toBe(
        PNG.toString('base64'),
      );
    } finally {
      await oss.close();
    }
  });
});
